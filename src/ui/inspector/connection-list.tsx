import { accessibleNames } from '../a11y/names.ts'
import { edgeById, nodeById } from '../canvas/lookups.ts'
import { useDesigner, useStoreApi } from '../store-context.tsx'

/**
 * The connections of a selection that holds only connections — what a line drawn through an
 * identity stands for: who reaches the service, with which roles and through which identity. Each
 * opens in the inspector on its own, to be edited as any connection is.
 */
export function ConnectionList({ ids }: { ids: readonly string[] }) {
  const store = useStoreApi()
  const design = useDesigner((s) => s.design)
  const names = accessibleNames(design)
  return (
    <ul className="connection-list" aria-label="Selected connections">
      {ids.map((id) => {
        const edge = edgeById(design, id)
        if (!edge) return null
        const from = nodeById(design, edge.source)?.name ?? edge.source
        const to = nodeById(design, edge.target)?.name ?? edge.target
        return (
          <li key={id}>
            <button
              type="button"
              className="connection-item"
              aria-label={`Edit: ${names.edge(id)}`}
              onClick={() => store.getState().select({ nodes: [], edges: [id] })}
            >
              <span className="connection-ends">
                {from} → {to}
              </span>
              <span className="connection-detail">
                {edge.kind === 'access'
                  ? `${edge.roles.join(', ')} ${names.via(edge)}`.trim()
                  : 'uses this identity'}
              </span>
            </button>
          </li>
        )
      })}
    </ul>
  )
}
