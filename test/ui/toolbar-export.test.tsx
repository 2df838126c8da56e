import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createRef } from 'react'
import { describe, expect, it } from 'vitest'
import { exportDesign } from '@/export/export.ts'
import { templateById } from '@/templates/index.ts'
import { Toolbar } from '@/ui/toolbar.tsx'
import { renderWithStore } from './render.tsx'

const scenario3 = templateById('scenario-3')!.design

describe("the toolbar's identity-layer exports", () => {
  const renderToolbar = () =>
    renderWithStore(<Toolbar openDialog={() => {}} fileInput={createRef()} />, scenario3)

  it('write for the public cloud until the guide picks another', async () => {
    const user = userEvent.setup()
    const t = renderToolbar()
    await user.click(screen.getByRole('button', { name: 'Export diagram' }))
    await user.click(screen.getByRole('menuitem', { name: 'Identity layer as Terraform' }))
    await waitFor(() => expect(t.downloads).toHaveLength(1))
    expect(t.downloads[0]!.data).toBe(exportDesign(scenario3, 'terraform'))
  })

  it("write for the guide's cloud, and say so", async () => {
    const user = userEvent.setup()
    const t = renderToolbar()
    t.store.getState().setGuideView({ cloud: 'AzureChinaCloud' })
    await user.click(screen.getByRole('button', { name: 'Export diagram' }))
    await user.click(
      screen.getByRole('menuitem', {
        name: 'Identity layer as Azure CLI script for Azure China (21Vianet)',
      }),
    )
    await waitFor(() => expect(t.downloads).toHaveLength(1))
    expect(t.downloads[0]!.data).toBe(exportDesign(scenario3, 'cli', { cloud: 'AzureChinaCloud' }))
    expect(t.downloads[0]!.data).toContain("!= 'AzureChinaCloud' ]")
  })
})
