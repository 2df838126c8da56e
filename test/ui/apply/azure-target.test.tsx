import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { createSdkGateway } from '@/azure/sdk-gateway.ts'
import { sandboxClientOptions, sandboxCredential } from '@/sandbox/client-options.ts'
import { SANDBOX_TENANT_ID } from '@/sandbox/core/seed.ts'
import { createApplyStore } from '@/store/apply/apply-store.ts'
import type { SignedInAccount } from '@/apply/ports.ts'
import { templateById } from '@/templates/index.ts'
import { ApplyStoreContext } from '@/ui/apply/apply-context.tsx'
import { BindStep } from '@/ui/apply/bind-step.tsx'
import { SetupStep } from '@/ui/apply/setup-step.tsx'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'
import { renderWithStore } from '../render.tsx'

const FABRIKAM = '3f3f0000-0000-4000-8000-00000000fab1'

const ME: SignedInAccount = {
  name: 'Ada Admin',
  username: 'ada@contoso.example',
  objectId: 'aaaaaaaa-0000-4000-8000-000000000001',
}

/** Azure as the app sees it after MSAL: the sign-in is the only part not real (no Entra here). */
function azureEffects() {
  const effects = sandboxApplyEffects(new VirtualClock())
  let account: SignedInAccount | null = null
  const signIns: boolean[] = []
  return {
    signIns,
    effects: {
      ...effects,
      connectAzure: async () => ({
        gateway: createSdkGateway({
          credential: sandboxCredential,
          clientOptions: sandboxClientOptions({ kind: 'in-page', sandbox: effects.sandbox }),
        }),
        account: () => account,
        signIn: async (select?: boolean) => {
          signIns.push(select === true)
          account = ME
          return account
        },
        signOut: async () => void (account = null),
      }),
    },
  }
}

/** The setup step shown and the app registration saved (which loads the sign-in). */
async function registered(store: ReturnType<typeof createApplyStore>): Promise<void> {
  renderWithStore(
    <ApplyStoreContext.Provider value={store}>
      <SetupStep />
    </ApplyStoreContext.Provider>,
    templateById('scenario-3')!.design,
  )
  await act(() =>
    store.getState().saveEntra({
      clientId: '0f6c0000-1111-4222-8333-444455556666',
      authority: 'https://login.microsoftonline.com/organizations',
      armEndpoint: 'https://management.azure.com',
    }),
  )
}

describe('apply to Azure', () => {
  it('asks for the Entra app registration, signs in, and lists subscriptions and groups', async () => {
    const { effects, signIns } = azureEffects()
    const store = createApplyStore(effects)
    const design = templateById('scenario-3')!.design
    renderWithStore(
      <ApplyStoreContext.Provider value={store}>
        <SetupStep />
      </ApplyStoreContext.Provider>,
      design,
    )
    await act(() => store.getState().chooseTarget('azure'))
    const save = screen.getByRole('button', { name: 'Save settings' })
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Application (client) ID' }),
      'not-a-guid',
    )
    expect(save).toBeDisabled()
    await userEvent.clear(screen.getByRole('textbox', { name: 'Application (client) ID' }))
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Application (client) ID' }),
      '0f6c0000-1111-4222-8333-444455556666',
    )
    await userEvent.click(save)
    const signInButton = await screen.findByRole('button', { name: 'Sign in to Azure' })
    // Nothing to sign in with until the connection is made: no click lost in the meantime.
    await waitFor(() => expect(signInButton).toBeEnabled())
    await userEvent.click(signInButton)
    expect(signIns).toEqual([false])
    expect(await screen.findByText('Ada Admin')).toBeInTheDocument()
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Resource group' })).toHaveValue('sandbox-rg'),
    )
    expect(store.getState().entra).toEqual({
      clientId: '0f6c0000-1111-4222-8333-444455556666',
      authority: 'https://login.microsoftonline.com/organizations',
      armEndpoint: 'https://management.azure.com',
    })
    await userEvent.click(screen.getByRole('button', { name: 'Switch account' }))
    expect(signIns).toEqual([false, true])
  })

  it("moves sign-in and ARM to the cloud picked, keeping the tenant, and refuses one cloud's sign-in with another's ARM", async () => {
    const { effects } = azureEffects()
    const store = createApplyStore(effects)
    renderWithStore(
      <ApplyStoreContext.Provider value={store}>
        <SetupStep />
      </ApplyStoreContext.Provider>,
      templateById('scenario-3')!.design,
    )
    await act(() => store.getState().chooseTarget('azure'))
    const field = (name: string) => screen.getByRole('textbox', { name })
    const cloud = screen.getByRole('combobox', { name: 'Cloud' })
    expect(cloud).toHaveValue('AzureCloud')
    await userEvent.type(field('Application (client) ID'), '0f6c0000-1111-4222-8333-444455556666')
    await userEvent.clear(field('Authority'))
    await userEvent.type(field('Authority'), 'https://login.microsoftonline.com/contoso.example')
    await userEvent.selectOptions(cloud, 'Azure US Government')
    expect(field('Authority')).toHaveValue('https://login.microsoftonline.us/contoso.example')
    expect(field('ARM endpoint')).toHaveValue('https://management.usgovcloudapi.net')
    // The public cloud's ARM with Azure Government's sign-in: its ARM would refuse every token.
    await userEvent.clear(field('ARM endpoint'))
    await userEvent.type(field('ARM endpoint'), 'https://management.azure.com')
    expect(cloud).toHaveValue('AzureCloud')
    expect(field('ARM endpoint')).toHaveAccessibleDescription(
      "the authority signs in to Azure US Government, whose ARM endpoint is https://management.usgovcloudapi.net; this one is Azure's, which refuses its tokens",
    )
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeDisabled()
    // Another ARM (a sandbox on this machine): the endpoint is left to fill in.
    await userEvent.selectOptions(cloud, 'Other: a sandbox or another ARM endpoint')
    expect(field('ARM endpoint')).toHaveValue('')
    await userEvent.type(field('ARM endpoint'), 'https://127.0.0.1:8443')
    expect(cloud).toHaveValue('other')
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeEnabled()
  })

  it('points the Guide and the exports at the cloud saved for sign-in', async () => {
    const { effects } = azureEffects()
    const store = createApplyStore(effects)
    const t = renderWithStore(
      <ApplyStoreContext.Provider value={store}>
        <SetupStep />
      </ApplyStoreContext.Provider>,
      templateById('scenario-3')!.design,
    )
    await act(() => store.getState().chooseTarget('azure'))
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Application (client) ID' }),
      '0f6c0000-1111-4222-8333-444455556666',
    )
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Cloud' }),
      'Azure China (21Vianet)',
    )
    expect(t.store.getState().guideView.cloud).toBe('AzureCloud')
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }))
    expect(t.store.getState().guideView).toEqual({ language: 'csharp', cloud: 'AzureChinaCloud' })
  })

  it('loads the sign-in again on Sign in when loading it failed, instead of a dead button', async () => {
    const { effects, signIns } = azureEffects()
    let attempts = 0
    const store = createApplyStore({
      ...effects,
      connectAzure: async () => {
        attempts++
        // The first load fails as a lost network does (a chunk that could not be fetched).
        if (attempts === 1) throw new Error('Failed to fetch dynamically imported module')
        return effects.connectAzure()
      },
    })
    await registered(store)
    // The dialog shows the store's error (apply-dialog.tsx); the button stays there to retry.
    expect(store.getState().error).toMatch(/Failed to fetch dynamically imported module/)
    await userEvent.click(screen.getByRole('button', { name: 'Sign in to Azure' }))
    expect(attempts).toBe(2)
    expect(signIns).toEqual([false])
    expect(await screen.findByText('Ada Admin')).toBeInTheDocument()
  })

  /**
   * Azure where the account's token lists no subscription (ARM lists the token's tenant's only),
   * the account being in the sandbox's tenant and Fabrikam's; `tenants` answers GET /tenants.
   */
  function noSubscription(tenants: 'listed' | 'failing', refusing?: string) {
    const { effects, signIns } = azureEffects()
    effects.sandbox.seed({
      tenants: [{ tenantId: FABRIKAM, displayName: 'Fabrikam', defaultDomain: 'fabrikam.example' }],
    })
    const store = createApplyStore({
      ...effects,
      // The account signs in to the tenant the authority names (`organizations`: its home, the
      // sandbox's); `refusing` is a tenant whose sign-in fails, as Entra refuses a stranger.
      connectAzure: async (entra) => {
        const connection = await effects.connectAzure()
        const named = entra.authority.split('/').pop() ?? ''
        const tenantId = /^[0-9a-f-]{36}$/i.test(named) ? named : SANDBOX_TENANT_ID
        const inTenant = (a: SignedInAccount | null) => a && { ...a, tenantId }
        const gateway = new Proxy(connection.gateway, {
          get: (target, key) =>
            key === 'listSubscriptions'
              ? async () => []
              : key === 'listTenants' && tenants === 'failing'
                ? async () => Promise.reject(new Error('403'))
                : Reflect.get(target, key),
        })
        return {
          ...connection,
          gateway,
          account: () => inTenant(connection.account()),
          signIn: async (select?: boolean) => {
            if (tenantId === refusing) {
              signIns.push(select === true)
              throw new Error(`AADSTS50020: the account does not exist in tenant ${tenantId}.`)
            }
            return inTenant(await connection.signIn(select))
          },
        }
      },
    })
    return { store, signIns }
  }

  const offered = () =>
    within(screen.getByRole('list', { name: 'Your other tenants' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent)

  it('says why a signed-in account sees no subscription, and offers its other tenants', async () => {
    const { store, signIns } = noSubscription('listed')
    await registered(store)
    await act(() => store.getState().signIn())
    expect(await screen.findByRole('status')).toHaveTextContent(
      'ada@contoso.example sees no subscription through https://login.microsoftonline.com/organizations. Subscriptions in another Microsoft Entra tenant (directory) are listed only when you sign in to it: choose one below. Otherwise, ask for a role (Reader at least) on a subscription.',
    )
    expect(screen.queryByRole('combobox', { name: 'Subscription' })).toBeNull()
    // Not the tenant signed in to (the account's, which an `organizations` authority does not name).
    expect(offered()).toEqual([`Sign in to Fabrikam fabrikam.example (${FABRIKAM})`])
    await userEvent.click(screen.getByRole('button', { name: 'Sign in to Fabrikam' }))
    await waitFor(() =>
      expect(store.getState().entra?.authority).toBe(
        `https://login.microsoftonline.com/${FABRIKAM}`,
      ),
    )
    await waitFor(() => expect(signIns).toEqual([false, false]))
    await screen.findByRole('button', { name: 'Sign in to Sandbox' })
    expect(offered()).toEqual([`Sign in to Sandbox sandbox.example (${SANDBOX_TENANT_ID})`])
  })

  it('keeps the sign-in settings that worked when the other tenant refuses the sign-in', async () => {
    const { store, signIns } = noSubscription('listed', FABRIKAM)
    await registered(store)
    await act(() => store.getState().signIn())
    await userEvent.click(await screen.findByRole('button', { name: 'Sign in to Fabrikam' }))
    await waitFor(() => expect(signIns).toEqual([false, false]))
    await waitFor(() => expect(store.getState().error).toMatch(/AADSTS50020/))
    expect(store.getState().entra?.authority).toBe(
      'https://login.microsoftonline.com/organizations',
    )
    expect(store.getState().account?.tenantId).toBe(SANDBOX_TENANT_ID)
    expect(await screen.findByRole('button', { name: 'Sign in to Fabrikam' })).toBeInTheDocument()
  })

  it('says where to name another tenant when the tenants cannot be listed', async () => {
    const { store } = noSubscription('failing')
    await registered(store)
    await act(() => store.getState().signIn())
    expect(await screen.findByRole('status')).toHaveTextContent(
      'ada@contoso.example sees no subscription through https://login.microsoftonline.com/organizations. Subscriptions in another Microsoft Entra tenant (directory) are listed only when you sign in to it: under Settings, set the authority to https://login.microsoftonline.com/ followed by that tenant’s id or domain. Otherwise, ask for a role (Reader at least) on a subscription.',
    )
    expect(screen.queryByRole('list', { name: 'Your other tenants' })).toBeNull()
  })

  it('says so when the subscription has no resource group the account can read', async () => {
    const { effects } = azureEffects()
    effects.sandbox.seed({
      subscriptions: [
        { subscriptionId: '22222222-2222-4222-8222-222222222222', displayName: 'Empty' },
      ],
    })
    const store = createApplyStore(effects)
    await registered(store)
    await act(() => store.getState().signIn())
    expect(screen.queryByText(/can read no resource group/)).toBeNull()
    await act(() => store.getState().selectSubscription('22222222-2222-4222-8222-222222222222'))
    expect(screen.getByRole('status')).toHaveTextContent(
      'This account can read no resource group in this subscription: create one (az group create) or choose another subscription.',
    )
    expect(screen.getByRole('button', { name: 'Bind resources' })).toBeDisabled()
  })

  it('binds developers to the signed-in user on request', async () => {
    const { effects } = azureEffects()
    const store = createApplyStore(effects)
    const design = templateById('scenario-3')!.design
    await store.getState().saveEntra({
      clientId: '0f6c0000-1111-4222-8333-444455556666',
      authority: 'https://login.microsoftonline.com/contoso.example',
      armEndpoint: 'https://management.azure.com',
    })
    await store.getState().signIn()
    await store.getState().bind(design)
    expect(store.getState().problems).toEqual([
      { node: 'devs', message: expect.stringContaining('no Microsoft Entra object id') },
    ])
    renderWithStore(
      <ApplyStoreContext.Provider value={store}>
        <BindStep />
      </ApplyStoreContext.Provider>,
      design,
    )
    await userEvent.click(screen.getByRole('button', { name: 'Use my account' }))
    await waitFor(() => expect(store.getState().problems).toEqual([]))
    expect(screen.getByRole('textbox', { name: 'Object id of Contoso developers' })).toHaveValue(
      ME.objectId,
    )
    expect(store.getState().prepared?.bindingEdits).toContainEqual({
      type: 'updateNode',
      id: 'devs',
      set: { azure: { principalId: ME.objectId } },
    })
  })
})
