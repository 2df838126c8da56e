import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react'
import { memo } from 'react'
import { analyze, countsFor, type SubjectCounts } from '../../store/derived.ts'
import { useDesigner, useDesignerWith } from '../store-context.tsx'
import type { FlowEdge } from './flow-elements.ts'
import { edgeById, nodeById, viaLabel } from './lookups.ts'

const sameCounts = (a: SubjectCounts, b: SubjectCounts): boolean =>
  a.error === b.error && a.warning === b.warning && a.info === b.info

/**
 * Where an access edge's label sits: 64% of the way along the curve, near the service, so labels
 * stay clear of the identity column drawn between apps and services.
 */
function labelPoint(p: EdgeProps<FlowEdge>): [number, number] {
  const t = 0.64
  const reach = Math.abs(p.targetX - p.sourceX) / 2
  const c1x = p.sourceX + reach
  const c2x = p.targetX - reach
  const u = 1 - t
  const x = u ** 3 * p.sourceX + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t ** 3 * p.targetX
  const y =
    u ** 3 * p.sourceY + 3 * u * u * t * p.sourceY + 3 * u * t * t * p.targetY + t ** 3 * p.targetY
  return [x, y]
}

function AttachEdgeView(props: EdgeProps<FlowEdge>) {
  const [path] = getBezierPath(props)
  return (
    <BaseEdge
      id={props.id}
      path={path}
      className={`edge-attach${props.selected ? ' is-selected' : ''}`}
      interactionWidth={16}
    />
  )
}

/** Zoomed far out an access edge is just its path, coloured by its findings. */
function AccessEdgeView(props: EdgeProps<FlowEdge>) {
  return props.data?.detail === 'far' ? <FarAccessEdge {...props} /> : <FullAccessEdge {...props} />
}

function FarAccessEdge(props: EdgeProps<FlowEdge>) {
  const [path] = getBezierPath(props)
  return (
    <BaseEdge
      id={props.id}
      path={path}
      className={`edge-access ${props.data?.tone ?? ''}${props.selected ? ' is-selected' : ''}`}
      interactionWidth={16}
    />
  )
}

function FullAccessEdge(props: EdgeProps<FlowEdge>) {
  const [path] = getBezierPath(props)
  const [labelX, labelY] = labelPoint(props)
  const edge = useDesigner((s) => edgeById(s.design, props.id))
  const via = useDesignerWith(
    (s) =>
      viaLabel(s.design, props.id, () => {
        const r = analyze(s.design).index.resolutions.get(props.id)
        if (!r?.resolved) return undefined
        return r.principal.type === 'systemAssigned'
          ? 'system-assigned'
          : (nodeById(s.design, r.principal.node)?.name ?? r.principal.node)
      }),
    (a, b) => a?.text === b?.text && a?.missing === b?.missing,
  )
  const counts = useDesignerWith((s) => countsFor(s.design, props.id), sameCounts)
  const readable = props.data?.detail === 'near'
  if (edge?.kind !== 'access') return null
  const tone = counts.error > 0 ? ' has-error' : counts.warning > 0 ? ' has-warning' : ''
  const [first, ...rest] = edge.roles
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        className={`edge-access${tone}${props.selected ? ' is-selected' : ''}`}
        interactionWidth={16}
      />
      {(readable || props.selected) && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label nodrag nopan${props.selected ? ' is-selected' : ''}${tone}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            <span className="role-chip" title={edge.roles.join('\n')}>
              {first}
              {rest.length > 0 && <span className="role-more"> +{rest.length}</span>}
            </span>
            {edge.scope && edge.scope !== 'resource' && (
              <span className="scope-chip">{edge.scope === 'resourceGroup' ? 'RG' : 'Sub'}</span>
            )}
            {via && <span className={`via${via.missing ? ' via-missing' : ''}`}>{via.text}</span>}
            {counts.error + counts.warning > 0 && (
              <span
                className={`badge ${counts.error ? 'badge-error' : 'badge-warning'}`}
                aria-label={`${counts.error + counts.warning} problems`}
              >
                {counts.error + counts.warning}
              </span>
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  )
}

export const AttachEdge = memo(AttachEdgeView)
export const AccessEdge = memo(AccessEdgeView)
