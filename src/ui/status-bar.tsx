import { useShallow } from 'zustand/react/shallow'
import { countPhrase, GRANT_COUNT_LABELS } from '../analysis/grant-counts.ts'
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
      <span>{stats.nodes} nodes</span>
      <span>{stats.access} accesses</span>
      <span>{stats.attach} identity links</span>
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
        aria-label={`Problems: ${stats.error} errors, ${stats.warning} warnings, ${stats.info} suggestions`}
      >
        <span className="sev-error">● {stats.error}</span>
        <span className="sev-warning">▲ {stats.warning}</span>
        <span className="sev-info">i {stats.info}</span>
      </button>
      <span className="status-save" data-save-state={stats.saveState} role="status">
        {saved}
      </span>
    </footer>
  )
}

const grantPhrase = (kind: keyof typeof GRANT_COUNT_LABELS, n: number): string =>
  countPhrase(n, ...GRANT_COUNT_LABELS[kind])
