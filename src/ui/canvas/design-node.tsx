import { Handle, Position, type NodeProps } from '@xyflow/react'
import { memo } from 'react'
import type { DesignNode } from '../../model/types.ts'
import type { SubjectCounts } from '../../store/derived.ts'
import { Glyph } from '../icons.tsx'
import { useCanvasActions } from './canvas-actions.ts'
import { nodeLook } from './node-look.ts'
import type { FlowNode } from './flow-elements.ts'

/**
 * One component for every node kind: icon, name, kind, identity toggle, finding badges. Zoomed
 * far out, where none of that can be read, it draws a light box of the same size (level of
 * detail), which keeps large designs as fast to draw and pan as plain React Flow nodes.
 */
function DesignNodeView(props: NodeProps<FlowNode>) {
  return props.data.detail === 'far' ? <FarNode {...props} /> : <FullNode {...props} />
}

/** Far out: a box in its kind's colour with the name, marked by its findings. */
function FarNode({ id, type, data, selected }: NodeProps<FlowNode>) {
  return (
    <div
      className={`dn dn-far dn-${type} ${data.tone}${selected ? ' is-selected' : ''}`}
      data-testid={`node-${id}`}
    >
      <NodeHandles kind={type} />
      <span className="dn-name">{data.node.name}</span>
    </div>
  )
}

/**
 * Lines arrive on the left and leave on the right. Apps and developers start connections from
 * their right-hand handle; services and identities receive them on the left. An identity's
 * right-hand handle only carries the access drawn through it (it starts no connection).
 */
function NodeHandles({ kind }: { kind: FlowNode['type'] }) {
  const isSource = kind === 'app' || kind === 'developer'
  return (
    <>
      {!isSource && <Handle type="target" position={Position.Left} className="dn-handle" />}
      {isSource && <Handle type="source" position={Position.Right} className="dn-handle" />}
      {kind === 'identity' && (
        <Handle
          type="source"
          position={Position.Right}
          className="dn-handle dn-handle-out"
          isConnectable={false}
        />
      )}
    </>
  )
}

function FullNode({ data, selected }: NodeProps<FlowNode>) {
  const { node, counts, uses } = data
  const { glyph, kindLabel } = nodeLook(node)
  return (
    <div
      className={`dn dn-${node.kind}${selected ? ' is-selected' : ''}`}
      data-testid={`node-${node.id}`}
    >
      <NodeHandles kind={node.kind} />
      <div className="dn-head">
        <span className="dn-icon">
          <Glyph name={glyph} size={20} />
        </span>
        <span className="dn-title">
          <span className="dn-name" title={node.name}>
            {node.name}
          </span>
          <span className="dn-kind">{kindLabel}</span>
        </span>
        <FindingBadges counts={counts} />
      </div>
      <NodeFooter node={node} uses={uses} />
    </div>
  )
}

function FindingBadges({ counts }: { counts: SubjectCounts }) {
  if (counts.error + counts.warning + counts.info === 0) return null
  const parts = [
    counts.error ? `${counts.error} error${counts.error > 1 ? 's' : ''}` : '',
    counts.warning ? `${counts.warning} warning${counts.warning > 1 ? 's' : ''}` : '',
    counts.info ? `${counts.info} suggestion${counts.info > 1 ? 's' : ''}` : '',
  ].filter(Boolean)
  return (
    <span className="dn-badges" title={parts.join(', ')} aria-label={parts.join(', ')}>
      {counts.error > 0 && <span className="badge badge-error">{counts.error}</span>}
      {counts.warning > 0 && <span className="badge badge-warning">{counts.warning}</span>}
      {counts.error + counts.warning === 0 && counts.info > 0 && (
        <span className="badge badge-info">{counts.info}</span>
      )}
    </span>
  )
}

function NodeFooter({ node, uses }: { node: DesignNode; uses: number }) {
  if (node.kind === 'app')
    return <SystemAssignedToggle id={node.id} on={!!node.systemAssigned} name={node.name} />
  if (node.kind === 'identity') return <IdentityUse apps={uses} />
  if (node.kind === 'service' && node.service === 'keyVault')
    return (
      <div className="dn-foot">
        <span className={`chip ${node.permissionModel === 'accessPolicy' ? 'chip-warn' : ''}`}>
          {node.permissionModel === 'accessPolicy' ? 'Access policies' : 'Azure RBAC'}
        </span>
      </div>
    )
  return null
}

function SystemAssignedToggle({ id, on, name }: { id: string; on: boolean; name: string }) {
  const actions = useCanvasActions()
  return (
    <div className="dn-foot">
      {/* Out of the Tab order, as the canvas's nodes are (one Tab stop for the whole canvas): the
          keyboard sets it in the inspector (Enter on the node). */}
      <button
        type="button"
        tabIndex={-1}
        className={`sa-toggle nodrag${on ? ' is-on' : ''}`}
        aria-pressed={on}
        title={on ? 'System-assigned identity: on' : 'System-assigned identity: off'}
        onClick={(e) => {
          e.stopPropagation()
          actions.setSystemAssigned(id, !on)
        }}
      >
        {/* The name starts with the visible words (WCAG 2.5.3); on/off is the pressed state. */}
        <span className="sa-dot" aria-hidden="true" />
        System-assigned <span className="sr-only">identity of {name}</span>{' '}
        <span aria-hidden="true">{on ? 'on' : 'off'}</span>
      </button>
    </div>
  )
}

function IdentityUse({ apps }: { apps: number }) {
  return (
    <div className="dn-foot">
      <span className="chip">
        {apps === 0 ? 'Not attached' : `Used by ${apps} app${apps > 1 ? 's' : ''}`}
      </span>
    </div>
  )
}

export const DesignNodeComponent = memo(DesignNodeView)
