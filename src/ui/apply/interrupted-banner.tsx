import { stableJson } from '../../lib/json.ts'
import { useEffects } from '../store-context.tsx'
import { useApply } from './apply-context.tsx'

/** A run whose tab closed mid-way: what it had done, and that applying again finishes it. */
export function InterruptedBanner() {
  const journal = useApply((s) => s.interrupted)
  const dismiss = useApply((s) => s.dismissInterrupted)
  const { download } = useEffects()
  if (!journal) return null
  const count = (o: string): number => journal.steps.filter((s) => s.outcome === o).length
  return (
    <div className="apply-interrupted" role="alert">
      <p>
        An apply of <strong>{journal.design}</strong> to <strong>{journal.resourceGroup}</strong> (
        {journal.target}) stopped when its tab closed, after {journal.steps.length} of{' '}
        {journal.total} steps: {count('created')} created, {count('unchanged')} unchanged,{' '}
        {count('failed')} failed. Steps in flight may or may not have reached Azure. Applying again
        finishes the rest without duplicates.
      </p>
      <div className="inline-row">
        <button
          type="button"
          className="button small"
          onClick={() =>
            download('interrupted-apply.json', stableJson(journal), 'application/json')
          }
        >
          Download what was done
        </button>
        <button type="button" className="button small" onClick={() => void dismiss()}>
          Dismiss
        </button>
      </div>
    </div>
  )
}
