import { SYSTEM_VIA } from '../../model/kinds.ts'
import type { DesignNode } from '../../model/types.ts'
import { Icon } from '../icons.tsx'
import { useDesigner, useStoreApi } from '../store-context.tsx'
import { nodeById } from '../canvas/lookups.ts'

/** The node's edges as a list: each selects its connection; attach edges can be removed here. */
export function Connections({ node }: { node: DesignNode }) {
  const store = useStoreApi()
  const design = useDesigner((s) => s.design)
  const edges = design.edges.filter((e) => e.source === node.id || e.target === node.id)
  if (edges.length === 0) return null
  const name = (id: string): string => nodeById(design, id)?.name ?? id
  return (
    <section className="connections" aria-label="Connections">
      <h3>Connections</h3>
      <ul>
        {edges.map((e) => {
          const other = e.source === node.id ? e.target : e.source
          const text =
            e.kind === 'attach'
              ? e.source === node.id
                ? `uses ${name(other)}`
                : `used by ${name(other)}`
              : e.source === node.id
                ? `accesses ${name(other)}`
                : `accessed by ${name(other)}`
          const detail =
            e.kind === 'access'
              ? `${e.roles.join(', ')}${e.via === undefined ? '' : ` · via ${viaName(e.via, name)}`}`
              : ''
          return (
            <li key={e.id}>
              <button
                type="button"
                className="link-button"
                onClick={() => store.getState().focus(e.id)}
                title={detail}
              >
                <Icon name="chevron" size={12} /> {text}
              </button>
              {detail && <span className="connection-detail">{detail}</span>}
            </li>
          )
        })}
      </ul>
    </section>
  )
}

/** How an access edge's `via` reads in the list (a file may give an empty one: it names nothing). */
function viaName(via: string, name: (id: string) => string): string {
  if (via === SYSTEM_VIA) return 'system-assigned'
  return via === '' ? 'an empty identity name' : name(via)
}
