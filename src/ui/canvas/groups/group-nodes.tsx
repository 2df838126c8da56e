import { Handle, Position, type NodeProps } from '@xyflow/react'
import { memo } from 'react'
import { useStoreApi } from '../../store-context.tsx'
import type { GroupFlowNode } from './group-flow.ts'

/** The box and the card are drawn a frame or a few after the toggle; give up after this many. */
const DRAWN_WITHIN = 30

/**
 * The box and the card are different nodes: the toggle that had the focus goes with the one, so
 * the focus moves to the other's (else it fell to the page).
 */
function focusToggleAfter(old: HTMLElement, groupId: string): void {
  let frames = 0
  const check = (): void => {
    const active = document.activeElement
    if (active !== old && active !== null && active !== document.body) return
    const next = document.querySelector<HTMLElement>(
      `.group-toggle[data-group-id="${CSS.escape(groupId)}"]`,
    )
    if (next && next !== old) next.focus()
    else if (++frames < DRAWN_WITHIN) requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
}

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
      data-group-id={data.groupId}
      onClick={(event) => {
        const button = event.currentTarget
        const had = button === document.activeElement
        store.getState().setGroupCollapsed(data.groupId, open)
        if (had) focusToggleAfter(button, data.groupId)
      }}
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
