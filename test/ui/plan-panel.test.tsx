import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { PlanPanel } from '@/ui/panels/plan-panel.tsx'
import { templateById } from '@/templates/index.ts'
import { derivePlan } from '@/plan/derive.ts'
import { renderWithStore } from './render.tsx'

describe('PlanPanel', () => {
  const scenario2 = () => templateById('scenario-2')?.design ?? { name: '', nodes: [], edges: [] }

  it('lists every action with principal, role, target, scope and kind, and counts', () => {
    renderWithStore(<PlanPanel />, scenario2())
    const plan = derivePlan(scenario2())
    const table = screen.getByRole('table')
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(plan.actions.length)
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['#', 'Kind', 'Principal', 'Role', 'Target', 'Scope'])
    expect(table).toHaveTextContent('mi-contoso-storage')
    expect(table).toHaveTextContent('Storage Blob Data Contributor')
    const summary = within(screen.getByRole('list', { name: 'Plan summary' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent)
    expect(summary).toEqual([
      '16 actions',
      '2 identities to create',
      '5 identities to attach',
      '2 Azure role assignments',
      '2 Cosmos DB data-plane grants',
      '2 SQL contained users',
      '3 apps with client-ID settings',
    ])
  })

  it('Export plan downloads the *.plan.json of the current design', async () => {
    const t = renderWithStore(<PlanPanel />, scenario2())
    await userEvent.click(screen.getByRole('button', { name: 'Export plan' }))
    expect(t.downloads).toHaveLength(1)
    const [file] = t.downloads
    expect(file?.name).toBe('scenario-2-apps-sharing-user-assigned-identities.plan.json')
    expect(JSON.parse(String(file?.data))).toEqual(derivePlan(scenario2()))
  })
})
