import { useMemo } from 'react'
import { exportPlan } from '../files/file-actions.ts'
import { planOf } from '../../store/derived.ts'
import { Icon } from '../icons.tsx'
import { useDesigner, useEffects, useStoreApi } from '../store-context.tsx'
import { countByKind, planRows, SUMMARY_LABEL } from './plan-rows.ts'

/** The derived plan as a table with counts per kind of action, and Export plan. */
export function PlanPanel() {
  const design = useDesigner((s) => s.design)
  const plan = useDesigner((s) => planOf(s.design))
  const effects = useEffects()
  const store = useStoreApi()
  const rows = useMemo(() => planRows(plan, design), [plan, design])
  const counts = countByKind(plan)
  return (
    <div className="plan">
      <div className="plan-head">
        <ul className="plan-counts" aria-label="Plan summary">
          <li>
            <strong>{plan.actions.length}</strong>{' '}
            {plan.actions.length === 1 ? 'action' : 'actions'}
          </li>
          {[...counts].map(([kind, n]) => (
            <li key={kind}>
              <strong>{n}</strong> {SUMMARY_LABEL[kind][n === 1 ? 0 : 1]}
            </li>
          ))}
        </ul>
        <button type="button" className="button" onClick={() => exportPlan(store, effects)}>
          <Icon name="download" size={16} /> Export plan
        </button>
      </div>
      {rows.length === 0 ? (
        <p className="panel-empty">Nothing to do yet: connect apps and developers to services.</p>
      ) : (
        <div className="table-scroll">
          <table className="plan-table">
            <caption className="sr-only">Plan actions, in the order they run</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Kind</th>
                <th scope="col">Principal</th>
                <th scope="col">Role</th>
                <th scope="col">Target</th>
                <th scope="col">Scope</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={row.key} className={`plan-${row.kind}`}>
                  <td className="num">{i + 1}</td>
                  <td>
                    <span className={`kind-pill kind-${row.kind}`}>{row.kindLabel}</span>
                  </td>
                  <td className="name">{row.principal}</td>
                  <td>{row.role}</td>
                  <td className="name">{row.target}</td>
                  <td>{row.scope}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
