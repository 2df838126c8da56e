import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { exportDesign } from '@/export/export.ts'
import { connectionGuide } from '@/guide/derive-guide.ts'
import { appSnippet, connectionSnippet } from '@/guide/snippets/assemble.ts'
import { templateById } from '@/templates/index.ts'
import { ConnectionGuidePanel } from '@/ui/guide/connection-guide-panel.tsx'
import { BottomPanel } from '@/ui/panels/bottom-panel.tsx'
import { renderWithStore } from '../render.tsx'

const scenario3 = templateById('scenario-3')!.design
const guide = connectionGuide(scenario3)
const api = guide.apps.find((a) => a.app === 'api')!

describe('ConnectionGuidePanel', () => {
  it('shows every app with its settings and code, and the developers', () => {
    render(<ConnectionGuidePanel design={scenario3} copy={vi.fn()} />)
    expect(
      screen.getByRole('article', { name: 'Connections of contoso-orders-api' }),
    ).toBeInTheDocument()
    expect(
      screen.getByRole('article', { name: 'Connections of contoso-orders-worker' }),
    ).toBeInTheDocument()
    expect(
      screen.getByRole('article', { name: 'Local development for Contoso developers' }),
    ).toHaveTextContent('az login')
    expect(screen.getByLabelText('C# code of contoso-orders-api').textContent).toBe(
      appSnippet(api, 'csharp'),
    )
  })

  it('limits itself to one app when given appId', () => {
    render(<ConnectionGuidePanel design={scenario3} appId="worker" copy={vi.fn()} />)
    expect(screen.queryByRole('article', { name: 'Connections of contoso-orders-api' })).toBeNull()
    expect(screen.queryByRole('article', { name: /Local development/ })).toBeNull()
    expect(screen.getByRole('table', { name: 'Settings' })).toHaveTextContent('AZURE_CLIENT_ID')
  })

  it('switches language and copies code, connections and settings', async () => {
    const user = userEvent.setup()
    const copy = vi.fn(async () => {})
    render(<ConnectionGuidePanel design={scenario3} appId="api" copy={copy} />)
    await user.click(screen.getByRole('button', { name: 'Python' }))
    expect(screen.getByRole('button', { name: 'Python' })).toHaveAttribute('aria-pressed', 'true')
    await user.click(screen.getByRole('button', { name: 'Copy Python code of contoso-orders-api' }))
    expect(copy).toHaveBeenLastCalledWith(appSnippet(api, 'python'))
    const blob = api.connections.find((c) => c.service === 'blob')!
    await user.click(screen.getByRole('button', { name: 'Copy Python code for contosoorders' }))
    expect(copy).toHaveBeenLastCalledWith(connectionSnippet(api, blob, 'python'))
    await user.click(
      screen.getByRole('button', { name: 'Copy setting MANAGED_IDENTITY_CLIENT_ID_STORAGE' }),
    )
    expect(copy).toHaveBeenLastCalledWith(
      'MANAGED_IDENTITY_CLIENT_ID_STORAGE=<client ID of mi-contoso-orders-storage>',
    )
    const row = screen
      .getByRole('button', { name: 'Copy setting MANAGED_IDENTITY_CLIENT_ID_STORAGE' })
      .closest('td')!
    expect(await within(row).findByText('Copied')).toBeInTheDocument()
  })

  it("switches to another cloud's endpoints and code", async () => {
    const user = userEvent.setup()
    render(<ConnectionGuidePanel design={scenario3} appId="api" copy={vi.fn()} />)
    const cloud = screen.getByRole('combobox', { name: 'Cloud' })
    expect(cloud).toHaveValue('AzureCloud')
    expect(screen.getByLabelText('C# code of contoso-orders-api').textContent).toContain(
      'https://contosoorders.blob.core.windows.net',
    )
    await user.selectOptions(cloud, 'Azure US Government')
    const gov = connectionGuide(scenario3, { cloud: 'AzureUSGovernment' }).apps.find(
      (a) => a.app === 'api',
    )!
    expect(screen.getByLabelText('C# code of contoso-orders-api').textContent).toBe(
      appSnippet(gov, 'csharp'),
    )
    expect(screen.getByLabelText('C# code of contoso-orders-api').textContent).toContain(
      'https://contosoorders.blob.core.usgovcloudapi.net',
    )
  })

  it('keeps its language and cloud in the designer while another tab shows', async () => {
    const user = userEvent.setup()
    const t = renderWithStore(<BottomPanel />, scenario3)
    await user.click(screen.getByRole('tab', { name: /^Guide/ }))
    await user.click(await screen.findByRole('button', { name: 'Java' }))
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Cloud' }),
      'Azure China (21Vianet)',
    )
    expect(t.store.getState().guideView).toEqual({ language: 'java', cloud: 'AzureChinaCloud' })
    await user.click(screen.getByRole('tab', { name: /^Plan/ }))
    expect(screen.queryByRole('combobox', { name: 'Cloud' })).toBeNull()
    await user.click(screen.getByRole('tab', { name: /^Guide/ }))
    expect(await screen.findByRole('combobox', { name: 'Cloud' })).toHaveValue('AzureChinaCloud')
    expect(screen.getByRole('button', { name: 'Java' })).toHaveAttribute('aria-pressed', 'true')
    const china = connectionGuide(scenario3, { cloud: 'AzureChinaCloud' }).apps.find(
      (a) => a.app === 'api',
    )!
    expect(screen.getByLabelText('Java code of contoso-orders-api').textContent).toBe(
      appSnippet(china, 'java'),
    )
  })

  it("exports the identity layer for the guide's cloud, and says which", async () => {
    const user = userEvent.setup()
    const t = renderWithStore(<BottomPanel />, scenario3)
    await user.click(screen.getByRole('tab', { name: /^Guide/ }))
    const exports = await screen.findByRole('group', { name: 'Export identity layer' })
    expect(exports).not.toHaveTextContent('For ')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Cloud' }), 'Azure US Government')
    expect(exports).toHaveTextContent('For Azure US Government:')
    await user.click(within(exports).getByRole('button', { name: 'Export Terraform' }))
    expect(t.downloads.map((d) => d.data)).toEqual([
      exportDesign(scenario3, 'terraform', { cloud: 'AzureUSGovernment' }),
    ])
    expect(t.downloads[0]!.data).toContain('environment     = "usgovernment"')
  })

  it('says when copying fails', async () => {
    const user = userEvent.setup()
    render(
      <ConnectionGuidePanel
        design={scenario3}
        appId="worker"
        copy={() => Promise.reject(new Error('denied'))}
      />,
    )
    await user.click(screen.getByRole('button', { name: 'Copy C# code of contoso-orders-worker' }))
    expect(await screen.findByText('Copy failed')).toBeInTheDocument()
  })
})
