import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { Inspector } from '@/ui/inspector/inspector.tsx'
import { design } from '../support/builder.ts'
import { renderWithStore } from './render.tsx'

const sample = () =>
  design()
    .named('Receipts')
    .app('api', { name: 'receipts-api' })
    .identity('mi', { name: 'mi-receipts' })
    .identity('mi2', { name: 'mi-other' })
    .service('st', 'storage', { name: 'receiptstore' })
    .service('kv', 'keyVault', { name: 'kv-receipts' })
    .attach('api', 'mi')
    .attach('api', 'mi2')
    .access('api', 'st', ['Storage Blob Data Reader'], { id: 'e1' })
    .build()

function setup(selection: { nodes?: string[]; edges?: string[] }) {
  const t = renderWithStore(<Inspector />, sample())
  act(() =>
    t.store.getState().select({ nodes: selection.nodes ?? [], edges: selection.edges ?? [] }),
  )
  return t
}

describe('Inspector', () => {
  it('edits the design name when nothing is selected', async () => {
    const t = renderWithStore(<Inspector />, sample())
    const name = screen.getByRole('textbox', { name: 'Design name' })
    await userEvent.clear(name)
    await userEvent.type(name, 'Receipts v2{Enter}')
    expect(t.store.getState().design.name).toBe('Receipts v2')
    expect(t.past()).toBe(1)
  })

  it('renames a node on Enter as one step, and refuses an empty name inline', async () => {
    const t = setup({ nodes: ['api'] })
    const name = screen.getByRole('textbox', { name: 'Name' })
    await userEvent.clear(name)
    expect(screen.getByRole('alert')).toHaveTextContent('A name is required.')
    expect(name).toHaveAttribute('aria-invalid', 'true')
    await userEvent.type(name, 'orders-api{Enter}')
    expect(t.store.getState().design.nodes[0]?.name).toBe('orders-api')
    expect(t.past()).toBe(1)
  })

  it('warns while typing a name Azure would refuse, and keeps it', async () => {
    const t = setup({ nodes: ['st'] })
    const name = screen.getByRole('textbox', { name: 'Name' })
    expect(name).not.toHaveAccessibleDescription()
    await userEvent.clear(name)
    await userEvent.type(name, 'Receipt_Store')
    expect(name).toHaveAccessibleDescription(
      'Azure would refuse it: Storage account names are 3–24 lower-case letters and digits.',
    )
    expect(name).not.toHaveAttribute('aria-invalid')
    await userEvent.keyboard('{Enter}')
    expect(t.store.getState().design.nodes.find((n) => n.id === 'st')?.name).toBe('Receipt_Store')
    await userEvent.clear(name)
    await userEvent.type(name, 'receipts2{Enter}')
    expect(name).not.toHaveAccessibleDescription()
  })

  it('warns when another node of the same type has the name, until either is renamed', async () => {
    const t = setup({ nodes: ['mi2'] })
    const name = screen.getByRole('textbox', { name: 'Name' })
    await userEvent.clear(name)
    await userEvent.type(name, 'MI-Receipts{Enter}')
    expect(name).toHaveAccessibleDescription(
      'Another user-assigned identity in this design has this name: to Azure, in one resource group, the two are one user-assigned identity.',
    )
    act(() => t.store.getState().updateNode('mi', { name: 'mi-receipts-read' }))
    expect(name).not.toHaveAccessibleDescription()
  })

  it('warns about an identity name Azure would refuse', async () => {
    setup({ nodes: ['mi'] })
    const name = screen.getByRole('textbox', { name: 'Name' })
    await userEvent.clear(name)
    await userEvent.type(name, 'mi-😀')
    expect(name).toHaveAccessibleDescription(
      'Azure would refuse it: a user-assigned identity’s name is 3–128 letters, digits, hyphens and underscores, starting with a letter or digit.',
    )
  })

  it('keeps an invalid name as typed, with its error, on Enter and on leaving the field', async () => {
    const t = setup({ nodes: ['api'] })
    const name = screen.getByRole('textbox', { name: 'Name' })
    const long = 'n'.repeat(129)
    await userEvent.clear(name)
    await userEvent.type(name, `${long}{Enter}`)
    expect(name).toHaveValue(long)
    expect(screen.getByRole('alert')).toHaveTextContent('At most 128 characters.')
    await userEvent.tab()
    expect(name).toHaveValue(long)
    expect(name).toHaveAttribute('aria-invalid', 'true')
    expect(t.store.getState().design.nodes[0]?.name).toBe('receipts-api')
    expect(t.past()).toBe(0)
    await userEvent.type(name, '{Backspace}{Enter}')
    expect(t.store.getState().design.nodes[0]?.name).toBe('n'.repeat(128))
  })

  it('Escape reverts a name being typed', async () => {
    const t = setup({ nodes: ['api'] })
    const name = screen.getByRole('textbox', { name: 'Name' })
    await userEvent.type(name, 'xyz{Escape}')
    expect(name).toHaveValue('receipts-api')
    expect(t.past()).toBe(0)
  })

  it('changes hosting and the system-assigned identity of an app', async () => {
    const t = setup({ nodes: ['api'] })
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Hosting' }), 'Function App')
    expect(t.store.getState().design.nodes[0]).toMatchObject({ hosting: 'functionApp' })
    await userEvent.click(screen.getByRole('checkbox', { name: 'System-assigned identity' }))
    expect(t.store.getState().design.nodes[0]).toMatchObject({ systemAssigned: true })
    expect(t.past()).toBe(2)
  })

  it('sets the Key Vault permission model', async () => {
    const t = setup({ nodes: ['kv'] })
    await userEvent.click(screen.getByRole('radio', { name: 'Vault access policies' }))
    expect(t.store.getState().design.nodes.find((n) => n.id === 'kv')).toMatchObject({
      permissionModel: 'accessPolicy',
    })
  })

  it('connects without a mouse from the node inspector', async () => {
    const t = setup({ nodes: ['api'] })
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Connect to' }),
      'kv-receipts (service)',
    )
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }))
    expect(t.store.getState().design.edges.at(-1)).toMatchObject({
      kind: 'access',
      source: 'api',
      target: 'kv',
      roles: ['Key Vault Secrets User'],
    })
  })

  it('Focus shows only the node’s neighbourhood, and is gone while that is shown', async () => {
    const t = setup({ nodes: ['api'] })
    await userEvent.click(screen.getByRole('button', { name: 'Focus on receipts-api' }))
    expect(t.store.getState().neighbourhood).toBe('api')
    expect(screen.queryByRole('button', { name: /^Focus on/ })).toBeNull()
    act(() => t.store.getState().select({ nodes: ['mi'], edges: [] }))
    expect(screen.getByRole('button', { name: 'Focus on mi-receipts' })).toHaveTextContent(
      /^Focus$/,
    )
  })

  it('shows the node’s findings with their rule ids', () => {
    setup({ nodes: ['mi2'] })
    const problems = screen.getByRole('region', { name: 'Problems with this node' })
    expect(within(problems).getByText('unused-identity')).toBeInTheDocument()
  })

  describe('access edge', () => {
    it('picks roles from the target service’s catalog, with descriptions', async () => {
      const t = setup({ edges: ['e1'] })
      const input = screen.getByRole('combobox', { name: 'Add role' })
      await userEvent.type(input, 'contributor')
      const list = screen.getByRole('listbox', { name: 'Roles for this service' })
      const options = within(list).getAllByRole('option')
      expect(options.map((o) => o.querySelector('.role-option-name')?.textContent)).toContain(
        'Storage Blob Data Contributor',
      )
      expect(options.some((o) => o.textContent?.includes('Key Vault'))).toBe(false)
      expect(list).toHaveTextContent('Read, write and delete blob containers and blobs.')
      await userEvent.click(within(list).getByText('Storage Blob Data Contributor'))
      expect(t.store.getState().design.edges.find((e) => e.id === 'e1')).toMatchObject({
        roles: ['Storage Blob Data Reader', 'Storage Blob Data Contributor'],
      })
      // Added: the list closes instead of covering the inspector; the field keeps the focus.
      expect(screen.queryByRole('listbox', { name: 'Roles for this service' })).toBeNull()
      expect(screen.getByRole('combobox', { name: 'Add role' })).toHaveFocus()
      await userEvent.keyboard('{ArrowDown}')
      expect(screen.getByRole('listbox', { name: 'Roles for this service' })).toBeInTheDocument()
    })

    it('a press on the open list outside its options (its scrollbar) keeps it open, the focus in the search', async () => {
      setup({ edges: ['e1'] })
      const input = screen.getByRole('combobox', { name: 'Add role' })
      await userEvent.click(input)
      const list = screen.getByRole('listbox', { name: 'Roles for this service' })
      await userEvent.pointer({ keys: '[MouseLeft]', target: list })
      expect(screen.getByRole('listbox', { name: 'Roles for this service' })).toBeInTheDocument()
      expect(input).toHaveFocus()
    })

    it('adds a role with the keyboard and removes one (never the last)', async () => {
      const t = setup({ edges: ['e1'] })
      await userEvent.type(screen.getByRole('combobox', { name: 'Add role' }), 'queue data reader')
      await userEvent.keyboard('{ArrowDown}{ArrowUp}{Enter}')
      const edge = () => t.store.getState().design.edges.find((e) => e.id === 'e1')
      expect(edge()).toMatchObject({
        roles: ['Storage Blob Data Reader', 'Storage Queue Data Reader'],
      })
      await userEvent.click(
        screen.getByRole('button', { name: 'Remove role Storage Blob Data Reader' }),
      )
      expect(edge()).toMatchObject({ roles: ['Storage Queue Data Reader'] })
      expect(
        screen.getByRole('button', { name: 'Remove role Storage Queue Data Reader' }),
      ).toBeDisabled()
    })

    it('lists the role named as typed first, so Enter adds it rather than one holding the name', async () => {
      const t = setup({ edges: ['e1'] })
      await userEvent.type(screen.getByRole('combobox', { name: 'Add role' }), 'owner')
      const names = within(screen.getByRole('listbox', { name: 'Roles for this service' }))
        .getAllByRole('option')
        .map((o) => o.querySelector('.role-option-name')?.textContent)
      expect(names[0]).toBe('Owner')
      expect(names).toContain('Storage Blob Data Owner')
      await userEvent.keyboard('{Enter}')
      expect(t.store.getState().design.edges.find((e) => e.id === 'e1')).toMatchObject({
        roles: ['Storage Blob Data Reader', 'Owner'],
      })
    })

    it('accepts a custom role definition GUID', async () => {
      const t = setup({ edges: ['e1'] })
      const guid = '11111111-2222-3333-4444-555555555555'
      await userEvent.type(screen.getByRole('combobox', { name: 'Add role' }), `${guid}{Enter}`)
      expect(t.store.getState().design.edges.find((e) => e.id === 'e1')).toMatchObject({
        roles: ['Storage Blob Data Reader', guid],
      })
    })

    it('says when nothing matches', async () => {
      setup({ edges: ['e1'] })
      await userEvent.type(screen.getByRole('combobox', { name: 'Add role' }), 'frobnicate')
      expect(screen.getByRole('status')).toHaveTextContent('No role matches')
    })

    it('sets the scope, warning when it is broader than the resource', async () => {
      const t = setup({ edges: ['e1'] })
      await userEvent.selectOptions(
        screen.getByRole('combobox', { name: 'Scope' }),
        'Its resource group',
      )
      expect(t.store.getState().design.edges.find((e) => e.id === 'e1')).toMatchObject({
        scope: 'resourceGroup',
      })
      expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain(
        'Broader than the resource: the grant reaches every resource in it.',
      )
    })

    it('chooses the identity used, with inline validation of the choice', async () => {
      const t = setup({ edges: ['e1'] })
      const via = screen.getByRole('combobox', { name: 'Identity used (via)' })
      expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain(
        'The app has several identities: choose the one this access goes through.',
      )
      expect(
        within(via)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual([
        'Not chosen (ambiguous: the app has 2 identities)',
        'System-assigned identity (off)',
        'mi-receipts',
        'mi-other',
      ])
      await userEvent.selectOptions(via, 'mi-other')
      expect(t.store.getState().design.edges.find((e) => e.id === 'e1')).toMatchObject({
        via: 'mi2',
      })
      expect(screen.queryByText(/choose the one this access goes through/)).toBeNull()
      expect(
        screen.getByText(
          'The code sets this identity’s client ID for this client (DefaultAzureCredential).',
        ),
      ).toBeInTheDocument()
      await userEvent.selectOptions(via, 'System-assigned identity (off)')
      expect(
        screen.getByText('The chosen identity is not one of this app’s identities.'),
      ).toBeInTheDocument()
      expect(screen.queryByText(/client ID/)).toBeNull()
    })

    it.each([
      [
        true,
        'Not chosen (the app’s only identity)',
        'The app’s own identity: DefaultAzureCredential uses it with no client ID to set.',
      ],
      [false, 'Not chosen (the app has no identity yet)', undefined],
    ])(
      'with systemAssigned %s and no via, says what an empty via means and what the code does',
      (systemAssigned, notChosen, hint) => {
        const d = design()
          .app('api', { name: 'receipts-api', systemAssigned })
          .service('st', 'storage', { name: 'receiptstore' })
          .access('api', 'st', ['Storage Blob Data Reader'], { id: 'e1' })
          .build()
        const t = renderWithStore(<Inspector />, d)
        act(() => t.store.getState().select({ nodes: [], edges: ['e1'] }))
        const via = screen.getByRole('combobox', { name: 'Identity used (via)' })
        expect(within(via).getAllByRole('option')[0]?.textContent).toBe(notChosen)
        if (hint) expect(screen.getByText(hint)).toBeInTheDocument()
        else expect(screen.queryByText(/client ID/)).toBeNull()
      },
    )

    /** An access whose file gives `via: ""` (it loads: via is not structural, PRODUCT.md §4). */
    const emptyVia = design()
      .app('api', { name: 'receipts-api', systemAssigned: true })
      .service('st', 'storage', { name: 'receiptstore' })
      .access('api', 'st', ['Storage Blob Data Reader'], { id: 'e1', via: '' })
      .build()

    it('says a file’s empty via names no identity, not that none was chosen', () => {
      const t = renderWithStore(<Inspector />, emptyVia)
      act(() => t.store.getState().select({ nodes: [], edges: ['e1'] }))
      expect(screen.getByRole('alert')).toHaveTextContent(
        'The file gives an empty identity (via ""), which names none of this app’s: choose one.',
      )
    })

    it('lists an empty via as such among the app’s connections', () => {
      const t = renderWithStore(<Inspector />, emptyVia)
      act(() => t.store.getState().select({ nodes: ['api'], edges: [] }))
      expect(
        within(screen.getByRole('region', { name: 'Connections' })).getByText(
          'Storage Blob Data Reader · via an empty identity name',
        ),
      ).toBeInTheDocument()
    })

    it('deletes the connection', async () => {
      const t = setup({ edges: ['e1'] })
      await userEvent.click(screen.getByRole('button', { name: 'Delete connection' }))
      expect(t.store.getState().design.edges.some((e) => e.id === 'e1')).toBe(false)
    })
  })

  it('summarises a multiple selection', () => {
    setup({ nodes: ['api', 'mi'], edges: ['e1'] })
    expect(screen.getByText('2 nodes and 1 connection selected.')).toBeInTheDocument()
  })
})
