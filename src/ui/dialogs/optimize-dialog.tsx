import { useMemo, useState } from 'react'
import {
  GRANT_COUNT_LABELS,
  grantCountsOfDesign,
  type GrantCounts,
} from '../../analysis/grant-counts.ts'
import { plural } from '../../lib/plural.ts'
import { optimizeIdentities } from '../../optimize/optimize.ts'
import { grantCountsOf } from '../../store/derived.ts'
import type { IdentitySummary } from '../../optimize/types.ts'
import { nodeById } from '../canvas/lookups.ts'
import { runLayout } from '../layout/run-layout.ts'
import { useDesigner, useStoreApi } from '../store-context.tsx'
import { Modal } from './modal.tsx'

const GRANT_KINDS = Object.keys(GRANT_COUNT_LABELS) as (keyof GrantCounts)[]
const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/** Optimize identities: a preview of what changes (before → after), then one undo step. */
export function OptimizeDialog({ onClose }: { onClose: () => void }) {
  const store = useStoreApi()
  const design = useDesigner((s) => s.design)
  const result = useMemo(() => optimizeIdentities(design), [design])
  const { summary } = result
  const countsBefore = useDesigner((s) => grantCountsOf(s.design))
  const countsAfter = useMemo(() => grantCountsOfDesign(result.design), [result.design])
  const identitiesBefore = design.nodes.filter((n) => n.kind === 'identity').length
  const identitiesAfter = result.design.nodes.filter((n) => n.kind === 'identity').length
  const appName = (id: string): string => nodeById(design, id)?.name ?? id
  const nothing = result.edits.length === 0
  // Identities come and go: the new ones find no layer of their own among the old positions.
  const [layOut, setLayOut] = useState(true)
  const [laying, setLaying] = useState(false)
  const apply = async (): Promise<void> => {
    if (!layOut) {
      store.getState().applyOptimize(result.edits)
      onClose()
      return
    }
    setLaying(true)
    const { edgeDrawing, grouping } = store.getState()
    const positions = await runLayout(result.design, edgeDrawing, undefined, grouping).catch(
      (e: unknown) => {
        store.getState().notify({
          tone: 'warning',
          title: `Auto layout failed (${e instanceof Error ? e.message : String(e)}): the new identities are placed beside their apps`,
        })
        return undefined
      },
    )
    if (store.getState().applyOptimize(result.edits, positions) && positions)
      store.getState().requestFit()
    onClose()
  }
  return (
    <Modal
      title="Optimize identities"
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {nothing ? 'Close' : 'Cancel'}
          </button>
          {!nothing && (
            <button
              type="button"
              className="button primary"
              data-autofocus
              disabled={laying}
              onClick={() => void apply()}
            >
              {laying ? 'Laying out…' : 'Apply optimization'}
            </button>
          )}
        </>
      }
    >
      {nothing ? (
        <p>The identity layout is already optimal: no over-grant and the fewest grants.</p>
      ) : (
        <>
          <p className="muted">
            Shared needs go to one user-assigned identity per group of apps; an app’s own needs go
            to its system-assigned identity. Developers and services are not changed.
          </p>
          <div className="before-after" role="group" aria-label="Before and after">
            <Metric
              label="User-assigned identities"
              before={identitiesBefore}
              after={identitiesAfter}
            />
            {GRANT_KINDS.filter(
              (kind) =>
                kind === 'azureRoleAssignments' || countsBefore[kind] + countsAfter[kind] > 0,
            ).map((kind) => (
              <Metric
                key={kind}
                label={capitalize(GRANT_COUNT_LABELS[kind][1])}
                before={countsBefore[kind]}
                after={countsAfter[kind]}
              />
            ))}
          </div>
          <ChangeList title="Identities created" items={summary.identitiesCreated} />
          <ChangeList title="Identities removed" items={summary.identitiesRemoved} />
          <ChangeList title="Identities kept" items={summary.identitiesKept} />
          <NameList
            title="System-assigned identity turned on"
            ids={summary.systemAssignedOn}
            name={appName}
          />
          <NameList
            title="System-assigned identity turned off"
            ids={summary.systemAssignedOff}
            name={appName}
          />
          {summary.edgesSplit.length > 0 && (
            <p className="muted">
              {summary.edgesSplit.length} connection
              {summary.edgesSplit.length > 1 ? 's are' : ' is'} split because{' '}
              {summary.edgesSplit.length > 1 ? 'their' : 'its'} roles go through different
              identities.
            </p>
          )}
          {summary.repeatsDropped.length > 0 && (
            <p className="muted">
              {summary.repeatsDropped.length} connection
              {summary.repeatsDropped.length > 1 ? 's' : ''} of an app would repeat roles another of
              its connections to the same service gives through the same identity: the repeated
              roles are dropped.
            </p>
          )}
          <div className="field checkbox-field optimize-layout">
            <label>
              <input
                type="checkbox"
                checked={layOut}
                onChange={(e) => setLayOut(e.target.checked)}
              />
              Lay out the design afterwards (Auto layout)
            </label>
          </div>
          <p className="muted small">
            {plural(result.edits.length, 'change')}, undone together with Ctrl+Z.
          </p>
        </>
      )}
    </Modal>
  )
}

function Metric({ label, before, after }: { label: string; before: number; after: number }) {
  const tone = after < before ? 'better' : after > before ? 'more' : 'same'
  return (
    <div className={`metric metric-${tone}`}>
      <span className="metric-label">{label}</span>
      <span className="metric-values">
        <span aria-label="before">{before}</span> → <strong aria-label="after">{after}</strong>
      </span>
    </div>
  )
}

function ChangeList({ title, items }: { title: string; items: readonly IdentitySummary[] }) {
  if (items.length === 0) return null
  return (
    <section className="change-list">
      <h3>
        {title} <span className="count">{items.length}</span>
      </h3>
      <ul>
        {items.map((i) => (
          <li key={i.id}>{i.name}</li>
        ))}
      </ul>
    </section>
  )
}

function NameList(props: { title: string; ids: readonly string[]; name: (id: string) => string }) {
  if (props.ids.length === 0) return null
  return (
    <section className="change-list">
      <h3>
        {props.title} <span className="count">{props.ids.length}</span>
      </h3>
      <ul>
        {props.ids.map((id) => (
          <li key={id}>{props.name(id)}</li>
        ))}
      </ul>
    </section>
  )
}
