import { candidatesFor } from '../../apply/binding.ts'
import { identityNames, identityPlace } from '../../apply/touched.ts'
import { plural } from '../../lib/plural.ts'
import type { DesignNode } from '../../model/types.ts'
import { useDesigner } from '../store-context.tsx'
import { useApply } from './apply-context.tsx'

const KIND_LABEL: Record<DesignNode['kind'], string> = {
  app: 'App',
  identity: 'Identity',
  service: 'Service',
  developer: 'Developer',
}

function bindingStatus(
  node: DesignNode,
  azure: DesignNode['azure'],
  resourceGroup: string,
  existing: ReadonlySet<string>,
): string {
  if (node.kind === 'developer') return 'Bound'
  if (node.kind === 'identity' && !azure?.resourceId) {
    const place = identityPlace({ ...node, azure }, { resourceGroup }, existing)
    return place.exists
      ? `Exists in ${place.resourceGroup}: kept`
      : `To create in ${place.resourceGroup}`
  }
  return azure?.resourceId ? 'Bound' : 'Not bound'
}

/**
 * What binding came to: every node bound only when nothing at all went wrong; a problem of the
 * design as a whole (no row of its own) is a failure too, listed below the summary.
 */
function bindSummary(nodes: number, waiting: number, designProblems: number): string {
  const choices =
    waiting === 0
      ? ''
      : `${waiting} of ${plural(nodes, 'node')} need${waiting === 1 ? 's' : ''} a choice: marked below.`
  if (designProblems > 0) {
    const failed = `Binding failed: ${plural(designProblems, 'problem')} of the design as a whole, listed below.`
    return choices ? `${choices} ${failed}` : failed
  }
  if (choices) return choices
  return nodes === 1 ? 'The node is bound.' : `All ${nodes} nodes are bound.`
}

/** Each node bound to a real resource (matched by name and type, or picked), developers to object ids. */
export function BindStep() {
  const design = useDesigner((s) => s.design)
  const prepared = useApply((s) => s.prepared)
  const problems = useApply((s) => s.problems)
  const resources = useApply((s) => s.resources)
  const picks = useApply((s) => s.picks)
  const developerIds = useApply((s) => s.developerIds)
  const account = useApply((s) => s.account)
  const target = useApply((s) => s.target)
  const resourceGroup = useApply((s) => s.resourceGroup)
  const pick = useApply((s) => s.pick)
  const setDeveloperId = useApply((s) => s.setDeveloperId)
  const bind = useApply((s) => s.bind)
  const readPreview = useApply((s) => s.readPreview)
  const back = useApply((s) => s.back)
  const partial = useApply((s) => s.partial)
  // Each row shows its own binding: the bound design, or as far as binding got.
  const bound = new Map((prepared?.design ?? partial ?? design).nodes.map((n) => [n.id, n]))
  const problemOf = new Map(problems.map((p) => [p.node, p.message]))
  // A problem no row shows (the design as a whole, "(design)") is listed above the table.
  const rows = new Set(design.nodes.map((n) => n.id))
  const designProblems = problems.filter((p) => !rows.has(p.node))
  const rebind = (): void => void bind(design)
  const waiting = design.nodes.filter((n) => problemOf.has(n.id)).length
  const existing = identityNames(resources)

  return (
    <div className="bind-step">
      <p className="muted">
        Apps and services bind to the resource of the same name and type in{' '}
        <strong>{resourceGroup}</strong>; pick another where the names differ. Identities not bound
        to an existing one are created there.
      </p>
      <p className="bind-summary" role="status">
        {bindSummary(design.nodes.length, waiting, designProblems.length)}
      </p>
      {designProblems.length > 0 && (
        <ul className="bind-design-problems" aria-label="Binding problems of the design">
          {designProblems.map((p, i) => (
            <li key={i} className="field-error">
              {p.message}
            </li>
          ))}
        </ul>
      )}
      <div className="table-scroll">
        <table className="bind-table">
          <thead>
            <tr>
              <th scope="col" className="col-node">
                Node
              </th>
              <th scope="col" className="col-kind">
                Kind
              </th>
              <th scope="col">Azure</th>
              <th scope="col" className="col-status">
                Status
              </th>
            </tr>
          </thead>
          <tbody>
            {design.nodes.map((node) => {
              const problem = problemOf.get(node.id)
              const current = bound.get(node.id)?.azure
              return (
                <tr key={node.id} className={problem ? 'has-problem' : ''}>
                  <th scope="row">{node.name}</th>
                  <td>{KIND_LABEL[node.kind]}</td>
                  <td>
                    {node.kind === 'developer' ? (
                      <span className="inline-row">
                        <input
                          aria-label={`Object id of ${node.name}`}
                          value={
                            developerIds[node.id] ??
                            node.azure?.principalId ??
                            current?.principalId ??
                            ''
                          }
                          placeholder="Microsoft Entra object id"
                          onChange={(e) => setDeveloperId(node.id, e.target.value)}
                          onBlur={rebind}
                        />
                        {target === 'azure' && account && (
                          <button
                            type="button"
                            className="button small"
                            onClick={() => {
                              setDeveloperId(node.id, account.objectId)
                              rebind()
                            }}
                          >
                            Use my account
                          </button>
                        )}
                      </span>
                    ) : (
                      <select
                        aria-label={`Resource for ${node.name}`}
                        value={picks[node.id] ?? current?.resourceId ?? ''}
                        onChange={(e) => {
                          pick(node.id, e.target.value || undefined)
                          rebind()
                        }}
                      >
                        <option value="">
                          {node.kind === 'identity'
                            ? `Create ${node.name} in ${resourceGroup}`
                            : '— not bound —'}
                        </option>
                        {candidatesFor(node, resources).map((r) => (
                          <option key={r.id} value={r.id}>
                            {r.name}
                          </option>
                        ))}
                      </select>
                    )}
                    {problem && <div className="field-error">{problem}</div>}
                  </td>
                  <td>
                    {problem ? (
                      <span className="bind-status needs-choice">Needs a choice</span>
                    ) : (
                      <span className="bind-status">
                        {bindingStatus(node, current, resourceGroup, existing)}
                      </span>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <div className="apply-actions">
        <button type="button" className="button" onClick={back}>
          Back
        </button>
        <button
          type="button"
          className="button primary"
          disabled={!prepared}
          onClick={() => void readPreview()}
        >
          Preview changes
        </button>
      </div>
    </div>
  )
}
