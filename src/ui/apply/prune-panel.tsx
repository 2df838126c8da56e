import { useState } from 'react'
import { useApply } from './apply-context.tsx'

/** Assignments the design no longer has: listed on request, deleted only when chosen and confirmed. */
export function PrunePanel() {
  const prunable = useApply((s) => s.prunable)
  const pruned = useApply((s) => s.pruned)
  const findPrune = useApply((s) => s.findPrune)
  const prune = useApply((s) => s.prune)
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set())
  const [confirmed, setConfirmed] = useState(false)
  if (prunable === null) {
    return (
      <section className="prune">
        <button type="button" className="button small" onClick={() => void findPrune()}>
          Find assignments the design no longer has
        </button>
      </section>
    )
  }
  const toggle = (id: string, on: boolean): void => {
    const next = new Set(chosen)
    if (on) next.add(id)
    else next.delete(id)
    setChosen(next)
  }
  const deleted = pruned?.filter((r) => r.outcome === 'deleted').length ?? 0
  const failures = pruned?.filter((r) => r.outcome === 'failed') ?? []
  return (
    <section className="prune" aria-label="Prune">
      <h3>Assignments the design no longer has ({prunable.length})</h3>
      {pruned && (
        <p role="status">
          Deleted {deleted}.{' '}
          {failures
            .map(
              (f) =>
                `${f.candidate.roleName} for ${f.candidate.principalName}: ${f.failure?.code} ${f.failure?.message}`,
            )
            .join(' ')}
        </p>
      )}
      {prunable.length === 0 ? (
        <p className="muted">
          None: Azure holds nothing for these identities that the design does not.
        </p>
      ) : (
        <>
          <ul className="prune-list">
            {prunable.map((c) => (
              <li key={c.assignment.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={chosen.has(c.assignment.id)}
                    onChange={(e) => toggle(c.assignment.id, e.target.checked)}
                  />
                  <span>
                    <strong>{c.roleName}</strong> for {c.principalName} on{' '}
                    <code>{c.assignment.scope}</code>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <label className="confirm">
            <input
              type="checkbox"
              checked={confirmed}
              onChange={(e) => setConfirmed(e.target.checked)}
            />
            <span>I understand the selected principals lose this access at once.</span>
          </label>
          <button
            type="button"
            className="button danger"
            disabled={!confirmed || chosen.size === 0}
            onClick={() => {
              void prune(prunable.filter((c) => chosen.has(c.assignment.id)))
              setChosen(new Set())
              setConfirmed(false)
            }}
          >
            Delete {chosen.size} assignment{chosen.size === 1 ? '' : 's'}
          </button>
        </>
      )}
    </section>
  )
}
