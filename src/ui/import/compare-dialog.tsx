import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react'
import { describeFailure } from '../../apply/describe.ts'
import { labelDriftItem } from '../../import/drift-labels.ts'
import type { Drift, DriftItem } from '../../import/drift.ts'
import { plural } from '../../lib/plural.ts'
import type { Removal } from '../../store/apply/azure-read-actions.ts'
import type { Comparison } from '../../store/apply/types.ts'
import { useApply, useApplyStore } from '../apply/apply-context.tsx'
import { SetupStep } from '../apply/setup-step.tsx'
import { Modal } from '../dialogs/modal.tsx'
import { useDesigner, useStoreApi } from '../store-context.tsx'
import { DriftList } from './drift-list.tsx'
import { ReadProgressBar } from './read-progress.tsx'
import { useGroupRead } from './use-group-read.ts'
import '../apply/apply.css'
import './import.css'

const LISTS = [
  ['missing', 'Missing in Azure', 'In the design, not in Azure: Apply creates them.'],
  ['unmanaged', 'Not in the design', 'In Azure on the design’s services or for its principals.'],
  ['orphaned', 'Orphaned', 'In Azure, for an identity or app that no longer exists.'],
] as const satisfies readonly (readonly [keyof Drift, string, string])[]

/**
 * Compare with Azure: the open design against its group — missing, unmanaged and orphaned role
 * assignments, each shown on the canvas on request, with the actions that resolve them.
 */
export default function CompareDialog(props: { onClose: () => void; onApply: () => void }) {
  const store = useApplyStore()
  const design = useDesigner((s) => s.design)
  const group = useApply((s) => s.resourceGroup)
  const busy = useApply((s) => s.busy)
  const error = useApply((s) => s.error)
  // Back from Show on the canvas with the same design: the same lists.
  const kept = useApply((s) => (s.comparison?.design === design ? s.comparison.value : undefined))
  const read = useGroupRead<Comparison>(kept)
  const [removing, setRemoving] = useState<readonly DriftItem[] | null>(null)
  const [removed, setRemoved] = useState<readonly Removal[] | null>(null)
  useEffect(() => {
    const s = store.getState()
    if (s.subscriptions.length === 0 && !s.busy) void s.chooseTarget(s.target)
  }, [store])
  const compare = () => read.start((options) => store.getState().compare(design, options))
  // The design changed (an adoption, an edit): what was compared no longer holds.
  const comparedDesign = read.state.kind === 'done' ? read.state.value : null
  const first = useRef(design)
  useEffect(() => {
    if (design !== first.current && comparedDesign) read.reset()
    first.current = design
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new design resets
  }, [design])

  const failed = error ?? (read.state.kind === 'failed' ? read.state.message : null)
  return (
    <Modal title="Compare with Azure" onClose={props.onClose} wide>
      <p className="muted">
        Binds the design to a group as Apply does and compares its role assignments with those in
        Azure, at the design’s scopes. Nothing in Azure changes until you say so.
      </p>
      {failed && (
        <div className="apply-error" role="alert">
          {failed}
        </div>
      )}
      {busy && (
        <p className="apply-busy" role="status">
          <span className="spinner" aria-hidden="true" /> {busy}
        </p>
      )}
      {read.state.kind !== 'done' && (
        <SetupStep
          action={{
            label: group ? `Compare with ${group}` : 'Compare',
            run: () => void compare(),
            location: false,
            azure:
              'Sign in with Microsoft Entra ID and compare the design with a resource group of a real subscription.',
          }}
        />
      )}
      {read.state.kind === 'reading' && (
        <ReadProgressBar progress={read.state.progress} onCancel={read.stop} />
      )}
      {removed && <RemovalReport removed={removed} />}
      {read.state.kind === 'done' &&
        (removing ? (
          <ConfirmRemoval
            comparison={read.state.value}
            items={removing}
            onDone={(results) => {
              setRemoving(null)
              setRemoved(results)
              void compare()
            }}
            onCancel={() => setRemoving(null)}
          />
        ) : (
          <Differences
            comparison={read.state.value}
            onApply={props.onApply}
            onShow={props.onClose}
            onRemove={(items) => {
              setRemoved(null)
              setRemoving(items)
            }}
            onAgain={() => void compare()}
          />
        ))}
    </Modal>
  )
}

function Differences(props: {
  comparison: Comparison
  onApply: () => void
  onShow: () => void
  onRemove: (items: readonly DriftItem[]) => void
  onAgain: () => void
}) {
  const { comparison } = props
  const designer = useStoreApi()
  const adopt = useApply((s) => s.adopt)
  const [note, setNote] = useState<string | null>(null)
  if (!comparison.drift.ok)
    return (
      <div className="apply-error" role="alert">
        <p>The design does not bind to {comparison.resourceGroup}:</p>
        <ul>
          {comparison.drift.error.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      </div>
    )
  const drift = comparison.drift.value
  const total = drift.missing.length + drift.unmanaged.length + drift.orphaned.length
  const addUnmanaged = (): void => {
    const { design } = designer.getState()
    try {
      const adoption = adopt(design, comparison, drift.unmanaged)
      if (designer.getState().commit(adoption.edits, 'Add what Azure has'))
        setNote(
          adoption.notes.length > 0
            ? `Added to the design. Not drawn: ${adoption.notes.join('; ')}`
            : 'Added to the design.',
        )
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e))
    }
  }
  return (
    <div className="drift">
      <p role="status">
        {total === 0
          ? `The design and ${comparison.resourceGroup} agree.`
          : `${plural(total, 'difference')} with ${comparison.resourceGroup}.`}
      </p>
      {note && <p className="apply-notice">{note}</p>}
      {LISTS.map(([list, title, meaning]) => (
        <section key={list} className="drift-section" aria-label={title}>
          <h3>
            {title} ({drift[list].length})
          </h3>
          <p className="muted">{meaning}</p>
          {drift[list].length > 0 && (
            <DriftList
              comparison={comparison}
              items={drift[list]}
              list={list}
              onShow={props.onShow}
            />
          )}
          <div className="apply-actions">
            {drift[list].length > 0 && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  showOnCanvas(designer, comparison, drift[list])
                  props.onShow()
                }}
              >
                Select them on the canvas
              </button>
            )}
            {list === 'missing' && drift.missing.length > 0 && (
              <button type="button" className="button primary" onClick={props.onApply}>
                Apply the missing ones…
              </button>
            )}
            {list === 'unmanaged' && drift.unmanaged.length > 0 && (
              <>
                <button type="button" className="button" onClick={addUnmanaged}>
                  Add them to the design
                </button>
                <button
                  type="button"
                  className="button danger"
                  onClick={() => props.onRemove(drift.unmanaged)}
                >
                  Remove them from Azure…
                </button>
              </>
            )}
            {list === 'orphaned' && drift.orphaned.length > 0 && (
              <button
                type="button"
                className="button danger"
                onClick={() => props.onRemove(drift.orphaned)}
              >
                Remove them from Azure…
              </button>
            )}
          </div>
        </section>
      ))}
      <div className="apply-actions">
        <button type="button" className="button" onClick={props.onAgain}>
          Compare again
        </button>
      </div>
    </div>
  )
}

/** Selects the design nodes the items are about (their services, else their principals). */
function showOnCanvas(
  designer: ReturnType<typeof useStoreApi>,
  comparison: Comparison,
  items: readonly DriftItem[],
): void {
  const { live, bound } = comparison
  if (!bound) return
  const nodes = [...new Set(items.flatMap((item) => labelDriftItem(item, live, bound).node ?? []))]
  // Brings the first into view (focus selects it alone), then selects them all.
  if (nodes[0]) designer.getState().focus(nodes[0])
  designer.getState().select({ nodes, edges: [] })
}

function ConfirmRemoval(props: {
  comparison: Comparison
  items: readonly DriftItem[]
  onDone: (results: readonly Removal[]) => void
  onCancel: () => void
}) {
  const remove = useApply((s) => s.remove)
  const [running, setRunning] = useState(false)
  const n = props.items.length
  // The button that asked is gone: the safe answer takes the focus (before the dialog's watch
  // for a lost focus sends it to the dialog's start), as Reset the sandbox does.
  const keep = useRef<HTMLButtonElement>(null)
  useLayoutEffect(() => keep.current?.focus(), [])
  const run = async (): Promise<void> => {
    if (running) return
    setRunning(true)
    try {
      props.onDone(await remove(props.comparison, props.items))
    } finally {
      setRunning(false)
    }
  }
  return (
    <div className="drift-confirm" role="group" aria-label="Confirm removal">
      <p>
        <strong>Remove {plural(n, 'role assignment')} from Azure?</strong> Whoever holds them loses
        that access at once. The design does not change.
      </p>
      <DriftList comparison={props.comparison} items={props.items} />
      <div className="apply-actions">
        <button
          type="button"
          className="button"
          onClick={props.onCancel}
          disabled={running}
          ref={keep}
        >
          Keep them
        </button>
        {/* Not disabled while it runs: a disabled button drops the focus to the page behind,
            out of reach of Escape and of Tab's round inside the dialog. */}
        <button
          type="button"
          className="button danger"
          onClick={() => void run()}
          aria-disabled={running}
        >
          {running ? 'Removing…' : `Remove ${plural(n, 'assignment')}`}
        </button>
      </div>
    </div>
  )
}

/**
 * What the removal did. It takes the focus when it appears, as the Apply dialog's report does:
 * the confirmation and its button are gone, and the differences are read again under it.
 */
function RemovalReport({ removed }: { removed: readonly Removal[] }) {
  const deleted = removed.filter((r) => r.outcome === 'deleted').length
  const problems = removed.filter((r) => r.outcome !== 'deleted')
  const title = useId()
  const report = useRef<HTMLDivElement>(null)
  // Before the dialog's own watch for a lost focus (a microtask) sends it to the dialog's start.
  useLayoutEffect(() => report.current?.focus(), [])
  return (
    <div
      className={problems.length > 0 ? 'apply-error' : 'apply-notice'}
      role="status"
      aria-labelledby={title}
      ref={report}
      tabIndex={-1}
    >
      <p id={title}>Removed {plural(deleted, 'role assignment')}.</p>
      {problems.length > 0 && (
        <ul>
          {problems.map((r, i) => (
            <li key={i}>
              {r.item.scope}:{' '}
              {r.failure
                ? describeFailure(r.failure, false)
                : 'a Cosmos DB data-plane assignment: remove it with az cosmosdb sql role assignment delete'}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
