import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react'
import { memo } from 'react'
import { useCanvasActions } from './canvas-actions.ts'
import { curve, curvePath } from './drawing/geometry.ts'
import { countText, moreText } from './drawing/label-text.ts'
import type { PlacedLabel } from './drawing/scene.ts'
import type { AccessSegment } from './drawing/segments.ts'
import type { FlowEdge } from './flow-elements.ts'

/** The line between the handles React Flow measured, on the same curve the scene places labels on. */
function pathOf(p: EdgeProps<FlowEdge>): string {
  return curvePath(curve({ x: p.sourceX, y: p.sourceY }, { x: p.targetX, y: p.targetY }))
}

function AttachEdgeView(props: EdgeProps<FlowEdge>) {
  return (
    <BaseEdge
      id={props.id}
      path={pathOf(props)}
      className={`edge-attach${props.selected ? ' is-selected' : ''}`}
      interactionWidth={16}
    />
  )
}

/**
 * An access line: from an identity to a service (standing for every access through that identity
 * there), or from an app or a developer to a service. Its label comes placed with the edge.
 */
function AccessEdgeView(props: EdgeProps<FlowEdge>) {
  const data = props.data
  if (data?.segment.kind !== 'access') return null
  const segment = data.segment
  return (
    <>
      <BaseEdge
        id={props.id}
        path={pathOf(props)}
        className={`edge-access edge-${segment.way} ${data.tone}${props.selected ? ' is-selected' : ''}`}
        interactionWidth={16}
      />
      {data.placed && data.detail !== 'far' && (
        <EdgeLabel
          segment={segment}
          placed={data.placed}
          selected={!!props.selected}
          tone={data.tone}
        />
      )}
    </>
  )
}

/**
 * A label: the first role and how many more, the scope when broader than the resource, what the
 * source acts as when the line does not show it, and the problem count. Compact ("3 roles") where
 * the full label has no room, a pin (a dot in the line's tone) where not even that has; hovering or
 * selecting shows every role. A click selects the line.
 */
function EdgeLabel(props: {
  segment: AccessSegment
  placed: PlacedLabel
  selected: boolean
  tone: string
}) {
  const actions = useCanvasActions()
  const { text, spot, scale } = props.placed
  const more = moreText(text)
  const roles = props.segment.roles.map(
    (r) => `${r.role}${r.scope === 'resource' ? '' : ` (${r.scope})`}`,
  )
  const classes = [
    'edge-label nodrag nopan',
    spot.compact ? 'is-compact' : '',
    spot.crowded ? 'is-pin' : '',
    props.selected ? 'is-selected' : '',
    props.tone,
  ]
  return (
    <EdgeLabelRenderer>
      <div
        className={classes.filter(Boolean).join(' ')}
        data-segment={props.segment.id}
        data-room={spot.crowded ? 'none' : spot.compact ? 'compact' : 'full'}
        style={{
          transform: `translate(${spot.x}px, ${spot.y}px) translate(-50%, -50%) scale(${scale})`,
        }}
        onClick={() => actions.selectEdges(props.segment.members.map((m) => m.id))}
      >
        {spot.crowded ? null : spot.compact ? (
          <span className="role-chip role-count">{countText(text)}</span>
        ) : (
          <>
            <span className="role-chip">
              {text.role}
              {more && <span className="role-more"> {more}</span>}
            </span>
            {text.scope && <span className="scope-chip">{text.scope}</span>}
            {text.note && (
              <span className={`label-note note-${text.note.tone}`}>{text.note.text}</span>
            )}
          </>
        )}
        {text.problems > 0 && !spot.crowded && (
          <span
            className={`badge ${props.tone === 'has-error' ? 'badge-error' : 'badge-warning'}`}
            aria-hidden="true"
          >
            {text.problems}
          </span>
        )}
        <span className="edge-roles" aria-hidden="true">
          {roles.map((r, i) => (
            <span key={i}>{r}</span>
          ))}
          {text.note && <span className={`note-${text.note.tone}`}>{text.note.text}</span>}
        </span>
      </div>
    </EdgeLabelRenderer>
  )
}

export const AttachEdge = memo(AttachEdgeView)
export const AccessEdge = memo(AccessEdgeView)
