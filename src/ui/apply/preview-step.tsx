import { useMemo } from 'react'
import { identityNames, touchedResources } from '../../apply/touched.ts'
import type { Design } from '../../model/types.ts'
import { countPreview, type PreviewItem, type PreviewStatus } from '../../apply/preview.ts'
import { useDesigner, useStoreApi } from '../store-context.tsx'
import { analyze } from '../../store/derived.ts'
import { useApply } from './apply-context.tsx'
import { PrunePanel } from './prune-panel.tsx'

const STATUS_LABEL: Record<PreviewStatus, string> = {
  create: 'to create',
  inPlace: 'already in place',
  conflict: 'to change',
  cannot: 'cannot be applied',
  manual: 'manual',
}

const ORDER: PreviewStatus[] = ['create', 'conflict', 'cannot', 'manual', 'inPlace']

/** What will change against what exists, with the confirmations privileged roles and errors need. */
export function PreviewStep() {
  const preview = useApply((s) => s.preview)
  const confirmedPrivileged = useApply((s) => s.confirmedPrivileged)
  const confirmedErrors = useApply((s) => s.confirmedErrors)
  const confirmPrivileged = useApply((s) => s.confirmPrivileged)
  const confirmErrors = useApply((s) => s.confirmErrors)
  const confirmedDenied = useApply((s) => s.confirmedDenied)
  const confirmDenied = useApply((s) => s.confirmDenied)
  const run = useApply((s) => s.run)
  const target = useApply((s) => s.target)
  const prepared = useApply((s) => s.prepared)
  const designer = useStoreApi()
  const back = useApply((s) => s.back)
  const design = useDesigner((s) => s.design)
  const errors = useMemo(() => analyze(design).counts.error, [design])
  if (!preview) return null
  const counts = countPreview(preview.items)
  const denied = preview.items.filter((i) => i.denied).length
  const changes = counts.create + counts.conflict + (confirmedDenied ? denied : 0)
  const privileged = preview.items.filter(
    (i) => i.step.kind === 'assignRole' && i.step.privileged && i.status !== 'inPlace',
  )
  const blocked =
    (privileged.length > 0 && !confirmedPrivileged) || (errors > 0 && !confirmedErrors)
  return (
    <div className="preview-step">
      <ul className="preview-counts" aria-label="Preview counts">
        {ORDER.map((status) => (
          <li key={status} className={`count count-${status}`}>
            <strong>{counts[status]}</strong> {STATUS_LABEL[status]}
          </li>
        ))}
      </ul>
      {prepared && <TouchedTable prepared={prepared.design} />}
      {/* Scrollable, so a tab stop (WCAG 2.1.1): arrow keys scroll the list. */}
      <div className="preview-list table-scroll" tabIndex={0} role="region" aria-label="Changes">
        {ORDER.map((status) => {
          const items = preview.items.filter((i) => i.status === status)
          return items.length === 0 ? null : (
            <PreviewGroup key={status} status={status} items={items} />
          )
        })}
      </div>
      {privileged.length > 0 && (
        <label className="confirm privileged">
          <input
            type="checkbox"
            checked={confirmedPrivileged}
            onChange={(e) => confirmPrivileged(e.target.checked)}
          />
          <span>
            I reviewed the privileged grants and want them:{' '}
            {privileged
              .map(({ step }) =>
                step.kind === 'assignRole' && step.privilegedBecause
                  ? `${step.title} (${step.privilegedBecause})`
                  : step.title,
              )
              .join('; ')}
          </span>
        </label>
      )}
      {denied > 0 && (
        <label className="confirm">
          <input
            type="checkbox"
            checked={confirmedDenied}
            onChange={(e) => confirmDenied(e.target.checked)}
          />
          <span>
            Try the {denied} step{denied === 1 ? '' : 's'} you lack permission for anyway: Azure
            decides (a role granted since, or a condition the preview cannot see).
          </span>
        </label>
      )}
      {errors > 0 && (
        <label className="confirm">
          <input
            type="checkbox"
            checked={confirmedErrors}
            onChange={(e) => confirmErrors(e.target.checked)}
          />
          <span>
            The design has {errors} error finding{errors === 1 ? '' : 's'} (see Problems). Apply
            anyway.
          </span>
        </label>
      )}
      <p className="muted">
        Apply deletes nothing, and every step is idempotent: applying again changes nothing. Access
        the design no longer has stays in Azure until you remove it here or after the run.
      </p>
      <PrunePanel />
      <div className="apply-actions">
        <button type="button" className="button" onClick={back}>
          Back
        </button>
        <button
          type="button"
          className="button primary"
          disabled={blocked || changes === 0}
          onClick={() => {
            // Bindings to real Azure resources are kept in the design (one undo step); sandbox ids are not.
            if (target === 'azure' && prepared && prepared.bindingEdits.length > 0)
              designer.getState().commit(prepared.bindingEdits, 'Bind to Azure')
            void run()
          }}
        >
          {changes === 0
            ? 'Nothing to apply'
            : `Apply ${changes} change${changes === 1 ? '' : 's'}`}
        </button>
      </div>
    </div>
  )
}

/** Each design name beside the Azure resource (and group) it is bound to. */
function TouchedTable({ prepared }: { prepared: Design }) {
  const resourceGroup = useApply((s) => s.resourceGroup)
  const subscriptionId = useApply((s) => s.subscriptionId)
  const location = useApply((s) => s.location)
  const resources = useApply((s) => s.resources)
  const rows = useMemo(
    () =>
      touchedResources(
        prepared,
        { subscriptionId, resourceGroup, location },
        identityNames(resources),
      ),
    [prepared, subscriptionId, resourceGroup, location, resources],
  )
  return (
    <details className="touched" open>
      <summary>What this touches in Azure</summary>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="What this touches">
        <table className="touched-table">
          <thead>
            <tr>
              <th scope="col">Design</th>
              <th scope="col">Azure</th>
              <th scope="col">Resource group</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.node}>
                <th scope="row">{r.name}</th>
                <td>
                  {r.kind === 'developer' ? `object id ${r.azureName}` : r.azureName}
                  {r.created && <span className="muted"> (to create)</span>}
                </td>
                <td>{r.resourceGroup || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}

function PreviewGroup({ status, items }: { status: PreviewStatus; items: readonly PreviewItem[] }) {
  return (
    <section
      className={`preview-group status-${status}`}
      aria-label={`${items.length} ${STATUS_LABEL[status]}`}
    >
      <h3>
        {STATUS_LABEL[status]} ({items.length})
      </h3>
      <ul>
        {items.map((i) => (
          <li key={i.step.id}>
            <span className="step-title">{i.step.title}</span>
            {i.reason && <span className="muted step-reason">{i.reason}</span>}
          </li>
        ))}
      </ul>
    </section>
  )
}
