import { Handle, Position, type NodeProps } from '@xyflow/react'
import { memo } from 'react'
import { useStoreApi } from '../../store-context.tsx'
import type { GroupFlowNode } from './group-flow.ts'

/** Opens or shuts a group; a button, so it is reached and named like any other control. */
function GroupToggle({ data, open }: { data: GroupFlowNode['data']; open: boolean }) {
  const store = useStoreApi()
  return (
    <button
      type="button"
      className="group-toggle nodrag nopan"
      aria-expanded={open}
      aria-label={`${open ? 'Collapse' : 'Expand'} group ${data.name}`}
      title={open ? 'Collapse: one card for the whole group' : 'Expand: show every member'}
      onClick={() => store.getState().setGroupCollapsed(data.groupId, open)}
    >
      <span aria-hidden="true">{open ? '▾' : '▸'}</span>
    </button>
  )
}

/** A box behind a group's members: title and collapse button on top, the rest lets clicks through. */
function GroupBoxView({ data }: NodeProps<GroupFlowNode>) {
  return (
    <div className="group-box">
      <div className="group-head">
        <GroupToggle data={data} open />
        <span className="group-title">{data.title}</span>
      </div>
    </div>
  )
}

/** The card that stands for a collapsed group; lines to its members arrive here. */
function GroupCardView({ data }: NodeProps<GroupFlowNode>) {
  return (
    <div className="group-card">
      <Handle type="target" position={Position.Left} className="dn-handle" isConnectable={false} />
      <GroupToggle data={data} open={false} />
      <span className="group-title">{data.title}</span>
      <Handle type="source" position={Position.Right} className="dn-handle" isConnectable={false} />
    </div>
  )
}

export const GroupBoxNode = memo(GroupBoxView)
export const GroupCardNode = memo(GroupCardView)
