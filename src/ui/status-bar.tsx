import { useShallow } from 'zustand/react/shallow'
import { countPhrase, GRANT_COUNT_LABELS } from '../analysis/grant-counts.ts'
import { plural } from '../lib/plural.ts'
import { analyze, grantCountsOf } from '../store/derived.ts'
import { useDesigner, useStoreApi } from './store-context.tsx'

/** Counts of the design, its findings and its plan, and whether it is saved. */
export function StatusBar() {
  const store = useStoreApi()
  const stats = useDesigner(
    useShallow((s) => {
      const { counts } = analyze(s.design)
      const nodes = s.design.nodes.length
      let access = 0
      for (const e of s.design.edges) if (e.kind === 'access') access++
      return {
        nodes,
        access,
        attach: s.design.edges.length - access,
        ...counts,
        ...grantCountsOf(s.design),
        saveState: s.saveState,
        savedAt: s.savedAt,
      }
    }),
  )
  const saved =
    stats.saveState === 'saving'
      ? 'Saving…'
      : stats.saveState === 'error'
        ? 'Not saved: storage unavailable'
        : stats.savedAt
          ? `Saved ${new Date(stats.savedAt).toLocaleTimeString()}`
          : 'Not saved yet'
  return (
    <footer className="status-bar">
      <span>{plural(stats.nodes, 'node')}</span>
      <span>{plural(stats.access, 'access', 'accesses')}</span>
      <span>{plural(stats.attach, 'identity link')}</span>
      <span>{grantPhrase('azureRoleAssignments', stats.azureRoleAssignments)}</span>
      {stats.dataPlaneGrants > 0 && (
        <span>{grantPhrase('dataPlaneGrants', stats.dataPlaneGrants)}</span>
      )}
      {stats.sqlDatabaseRoles > 0 && (
        <span>{grantPhrase('sqlDatabaseRoles', stats.sqlDatabaseRoles)}</span>
      )}
      <button
        type="button"
        className="status-findings"
        onClick={() => store.getState().setPanel('problems')}
      >
        {/* Named by its content: the visible counts, with their words for screen readers. */}
        <span className="sr-only">Problems:</span>{' '}
        <span className="sev-error">
          <span aria-hidden="true">● </span>
          {stats.error} <span className="sr-only">{stats.error === 1 ? 'error' : 'errors'},</span>
        </span>{' '}
        <span className="sev-warning">
          <span aria-hidden="true">▲ </span>
          {stats.warning}{' '}
          <span className="sr-only">{stats.warning === 1 ? 'warning' : 'warnings'},</span>
        </span>{' '}
        <span className="sev-info">
          <span aria-hidden="true">i </span>
          {stats.info}{' '}
          <span className="sr-only">{stats.info === 1 ? 'suggestion' : 'suggestions'}</span>
        </span>
      </button>
      <span className="status-save" data-save-state={stats.saveState} role="status">
        {saved}
      </span>
    </footer>
  )
}

const grantPhrase = (kind: keyof typeof GRANT_COUNT_LABELS, n: number): string =>
  countPhrase(n, ...GRANT_COUNT_LABELS[kind])
