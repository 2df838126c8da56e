import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react'
import { memo } from 'react'
import { curve, curvePath, pointAt } from '../drawing/geometry.ts'
import { connections, type GroupFlowEdge } from './group-flow.ts'

/** A line to or from a collapsed group's card, with how many connections it stands for. */
function GroupLinkView(props: EdgeProps<GroupFlowEdge>) {
  const c = curve({ x: props.sourceX, y: props.sourceY }, { x: props.targetX, y: props.targetY })
  const count = props.data?.members.length ?? 1
  const mid = pointAt(c, 0.5)
  return (
    <>
      <BaseEdge
        id={props.id}
        path={curvePath(c)}
        className={`edge-group-link${props.selected ? ' is-selected' : ''}`}
        interactionWidth={16}
      />
      {count > 1 && (
        <EdgeLabelRenderer>
          <div
            className="group-link-count nodrag nopan"
            aria-hidden="true"
            style={{ transform: `translate(${mid.x}px, ${mid.y}px) translate(-50%, -50%)` }}
          >
            {connections(count)}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  )
}

export const GroupLinkEdge = memo(GroupLinkView)
