import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { exportDesign } from '@/export/export.ts'
import { templateById } from '@/templates/index.ts'
import { ExportMenu } from '@/ui/guide/export-menu.tsx'

const scenario2 = templateById('scenario-2')!.design

describe('ExportMenu', () => {
  it("downloads each format under the design's name", async () => {
    const user = userEvent.setup()
    const download = vi.fn()
    render(
      <ExportMenu
        design={scenario2}
        download={download}
        options={{ context: { resourceGroup: 'rg-1' } }}
      />,
    )
    await user.click(screen.getByRole('button', { name: 'Export Bicep' }))
    await user.click(screen.getByRole('button', { name: 'Export Terraform' }))
    await user.click(screen.getByRole('button', { name: 'Export Azure CLI script' }))
    const base = 'scenario-2-apps-sharing-user-assigned-identities.identity'
    expect(download.mock.calls).toEqual([
      [`${base}.bicep`, exportDesign(scenario2, 'bicep', { context: { resourceGroup: 'rg-1' } })],
      [`${base}.tf`, exportDesign(scenario2, 'terraform', { context: { resourceGroup: 'rg-1' } })],
      [`${base}.sh`, exportDesign(scenario2, 'cli', { context: { resourceGroup: 'rg-1' } })],
    ])
    expect(download.mock.calls[2]![1]).toContain(
      `if [ -z "\${RESOURCE_GROUP:-}" ]; then RESOURCE_GROUP='rg-1'; fi`,
    )
  })
  it('says why it refuses a design it cannot write correct code for, and downloads nothing', async () => {
    const user = userEvent.setup()
    const download = vi.fn()
    const spring = {
      ...scenario2,
      nodes: scenario2.nodes.map((n) =>
        n.kind === 'app' && n.id === 'func' ? { ...n, hosting: 'springApp' as const } : n,
      ),
    }
    render(<ExportMenu design={spring} download={download} />)
    await user.click(screen.getByRole('button', { name: 'Export Bicep' }))
    expect(download).not.toHaveBeenCalled()
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Export refused: cannot export this node as drawn: "func" is named "contoso-func": a Microsoft.AppPlatform/Spring/apps is named "<Spring>/<app>" in Azure',
    )
  })
})
