import { createStore, type StoreApi } from 'zustand/vanilla'
import { normalizeSettings } from '../../apply/entra-settings.ts'
import { prepareApply } from '../../apply/prepare.ts'
import { startProgress } from '../../apply/time-left.ts'
import type { Design } from '../../model/types.ts'
import { sandboxDeveloperIds } from '../../apply/sandbox-developers.ts'
import { SANDBOX_DEFAULTS } from './sandbox-defaults.ts'
import { sameExceptPositions } from '../derived.ts'
import { whileBusy } from './busy.ts'
import { withReadRetries } from '../../apply/reading.ts'
import { bindFailure } from './bind-failure.ts'
import { StorePacers } from './pacers.ts'
import { pickEdits, withPicks } from './picks.ts'
import { runActions, type RunActions } from './run-actions.ts'
import { azureReadActions, type AzureReadActions } from './azure-read-actions.ts'
import type { EntraSettings } from '../../apply/entra-settings.ts'
import type {
  ApplyEffects,
  ApplyTarget,
  AzureConnection,
  SandboxConnection,
} from '../../apply/ports.ts'
import type { ApplyState } from './types.ts'
import { parseArmId } from '../../model/arm-id.ts'

export interface ApplyActions extends RunActions, AzureReadActions {
  /**
   * The designer's open document, whenever the dialog shows or the design changes: another
   * document starts the flow over; a changed design invalidates the binding, preview and report
   * (bound again at once). Moving nodes changes nothing.
   */
  follow(docId: string, design: Design): void
  chooseTarget(target: ApplyTarget): Promise<void>
  saveEntra(settings: EntraSettings): Promise<void>
  signIn(selectAccount?: boolean): Promise<void>
  /**
   * Signs in again through the same authority host, for one of `tenants`; when that sign-in fails
   * or is cancelled, the sign-in settings are restored.
   */
  signInToTenant(tenantId: string): Promise<void>
  signOut(): Promise<void>
  selectSubscription(id: string): Promise<void>
  selectGroup(name: string): Promise<void>
  setLocation(location: string): void
  pick(node: string, resourceId: string | undefined): void
  setDeveloperId(node: string, objectId: string): void
  /** Binds the design to the chosen group; moves to the binding step. */
  bind(design: Design): Promise<void>
  setSandboxFaults(patch: Parameters<SandboxConnection['setFaults']>[0]): void
  /** Back to the seeded sandbox; the group list is read again. */
  resetSandbox(): Promise<void>
  back(): void
  /** Reads the journal a closed tab left behind. */
  checkInterrupted(): Promise<void>
  dismissInterrupted(): Promise<void>
  /** The run's clock (a virtual one in tests): what the time left is counted against. */
  now(): number
}

export type ApplyStore = StoreApi<ApplyState & ApplyActions>

/** What belongs to one design: reset when another design is opened. */
const DESIGN_STATE = {
  boundFrom: null,
  partial: null,
  notice: null,
  picks: {},
  developerIds: {},
  problems: [],
  prepared: null,
  preview: null,
  confirmedPrivileged: false,
  confirmedErrors: false,
  confirmedDenied: false,
  progress: startProgress(0, 0),
  results: {},
  log: [],
  report: null,
  prunable: null,
  pruned: null,
} satisfies Partial<ApplyState>

const initial: ApplyState = {
  ...DESIGN_STATE,
  docId: null,
  phase: 'setup',
  target: 'sandbox',
  busy: null,
  error: null,
  retryBind: false,
  entra: null,
  account: null,
  subscriptions: [],
  tenants: [],
  subscriptionId: '',
  groups: [],
  resourceGroup: '',
  location: '',
  resources: [],
  sandboxFaults: null,
  interrupted: null,
  comparison: null,
}

/**
 * The apply run, beside the designer's document store: target, sign-in, binding, preview, the run
 * and its report. Never persisted; tokens stay inside the Azure connection (MSAL's session cache).
 */
export function createApplyStore(effects: ApplyEffects): ApplyStore {
  let sandbox: SandboxConnection | null = null
  let azure: AzureConnection | null = null

  return createStore<ApplyState & ApplyActions>()((set, get) => {
    const pacers = new StorePacers(effects.clock, get)
    const onRemaining = pacers.observe
    const gateway = () => (get().target === 'sandbox' ? sandbox?.gateway : azure?.gateway)
    // Lists for the pickers and the binding retry 429s and 5xx as the preview's reads do: one
    // throttled or failed read of the group must not stop the binding.
    const reads = () => {
      const gw = gateway()
      return gw && withReadRetries(gw, { clock: effects.clock, random: effects.random })
    }
    const step = async (label: string, work: () => Promise<void>): Promise<void> => {
      await whileBusy(set, label, work)
    }
    // Binding only reads: its failure is worded for that (bind-failure.ts).
    const bindStep = async (work: () => Promise<void>): Promise<void> => {
      await whileBusy(set, 'Reading the resource group…', work, bindFailure)
    }
    const loadSubscriptions = async (): Promise<void> => {
      const gw = reads()
      if (!gw) return
      const subscriptions = await gw.listSubscriptions()
      // None: ARM lists only the token's tenant's, so say which other tenants the account is in.
      // Only a hint: a failure to list them leaves it out and nothing else.
      const tenants =
        subscriptions.length === 0 && get().target === 'azure'
          ? await gw.listTenants().catch(() => [])
          : []
      set({ subscriptions, tenants })
      const keep =
        subscriptions.find((s) => s.subscriptionId === get().subscriptionId) ?? subscriptions[0]
      if (keep) await loadGroups(keep.subscriptionId)
    }
    const loadGroups = async (subscriptionId: string): Promise<void> => {
      const gw = reads()
      if (!gw) return
      const groups = await gw.listResourceGroups(subscriptionId)
      const preferred =
        get().target === 'sandbox' ? SANDBOX_DEFAULTS.resourceGroup : get().resourceGroup
      const group = groups.find((g) => g.name === preferred) ?? groups[0]
      set({
        subscriptionId,
        groups,
        resourceGroup: group?.name ?? '',
        location: group?.location ?? '',
      })
    }

    return {
      ...initial,
      entra: effects.loadEntraSettings(),
      ...runActions(set, get, effects, gateway, pacers),
      ...azureReadActions(
        get,
        set,
        effects,
        gateway,
        pacers,
        () => sandbox,
        async (choose) => {
          await loadGroups(get().subscriptionId)
          await get().selectGroup(choose)
        },
      ),

      chooseTarget: (target) =>
        step(
          target === 'sandbox' ? 'Starting the sandbox…' : 'Loading Microsoft sign-in…',
          async () => {
            set({
              ...initial,
              entra: get().entra,
              target,
              interrupted: get().interrupted,
              docId: get().docId,
            })
            if (target === 'sandbox') {
              sandbox ??= await effects.connectSandbox(onRemaining)
              set({ sandboxFaults: sandbox.faults() })
              await loadSubscriptions()
              return
            }
            const entra = get().entra
            if (!entra) return
            azure ??= await effects.connectAzure(entra, onRemaining)
            set({ account: azure.account() })
            if (azure.account()) await loadSubscriptions()
          },
        ),
      saveEntra: async (input) => {
        const settings = normalizeSettings(input)
        effects.saveEntraSettings(settings)
        azure = null
        set({ entra: settings })
        await get().chooseTarget('azure')
      },
      signIn: (selectAccount) =>
        step('Signing in…', async () => {
          // Loading the sign-in library failed when Azure was chosen (a network error, shown
          // then): load it again now rather than leave the button dead. The popup may then count
          // as unprompted and be blocked, and the sign-in goes by redirect instead.
          if (!azure) {
            const entra = get().entra
            if (!entra) throw new Error('Enter the sign-in settings first.')
            azure = await effects.connectAzure(entra, onRemaining)
          }
          const account = await azure.signIn(selectAccount)
          set({ account })
          if (account) await loadSubscriptions()
        }),
      signInToTenant: async (tenantId) => {
        const entra = get().entra
        if (!entra) return
        const host = new URL(entra.authority).origin
        await get().saveEntra({ ...entra, authority: `${host}/${tenantId}` })
        await get().signIn()
        if (get().account && get().error === null) return
        // Cancelled or refused: the settings go back to what worked, and the reason stays shown.
        const failed = get().error
        await get().saveEntra(entra)
        set({ error: failed })
      },
      signOut: () =>
        step('Signing out…', async () => {
          await azure?.signOut()
          set({ ...initial, entra: get().entra, target: 'azure', docId: get().docId })
        }),
      follow: (docId, design) => {
        const s = get()
        if (s.phase === 'running') return
        if (s.docId !== docId) {
          set({ ...DESIGN_STATE, docId, phase: 'setup', error: null, retryBind: false })
          // Another design: the group it lives in, not the one the last design (or import) used.
          const name =
            groupOfDesign(design, s.subscriptionId, s.groups) ??
            (s.target === 'sandbox' ? SANDBOX_DEFAULTS.resourceGroup : undefined)
          const group = s.groups.find((g) => g.name === name)
          if (group) set({ resourceGroup: group.name, location: group.location })
          return
        }
        if (s.phase === 'setup' || !s.boundFrom) return
        const unchanged =
          sameExceptPositions(design, s.boundFrom) ||
          (s.prepared !== null && sameExceptPositions(design, s.prepared.design))
        if (unchanged) return
        set({
          ...DESIGN_STATE,
          picks: s.picks,
          developerIds: s.developerIds,
          notice:
            'The design changed since it was bound: bound again, preview and report start over.',
        })
        void get().bind(design)
      },
      selectSubscription: (id) => step('Loading resource groups…', () => loadGroups(id)),
      selectGroup: async (name) => {
        const group = get().groups.find((g) => g.name === name)
        set({ resourceGroup: name, location: group?.location ?? get().location })
      },
      setLocation: (location) => set({ location }),
      pick: (node, resourceId) => {
        const picks = { ...get().picks }
        if (resourceId) picks[node] = resourceId
        else delete picks[node]
        set({ picks })
      },
      setDeveloperId: (node, objectId) =>
        set({ developerIds: { ...get().developerIds, [node]: objectId.trim() } }),
      bind: (design) =>
        bindStep(async () => {
          const gw = reads()
          const { subscriptionId, resourceGroup, location } = get()
          if (!gw || !subscriptionId || !resourceGroup)
            throw new Error('Choose a subscription and a resource group first.')
          const resources = await gw.listResources(subscriptionId, resourceGroup)
          set({ resources })
          const picks = pickEdits(design, get().picks)
          const picked = withPicks(design, get().picks)
          const ids =
            get().target === 'sandbox'
              ? { ...sandboxDeveloperIds(design), ...get().developerIds }
              : get().developerIds
          const prepared = prepareApply(
            picked,
            resources,
            { subscriptionId, resourceGroup, location },
            ids,
          )
          set(
            prepared.ok
              ? {
                  phase: 'bind',
                  boundFrom: design,
                  prepared: {
                    ...prepared.value,
                    bindingEdits: [...picks, ...prepared.value.bindingEdits],
                  },
                  partial: null,
                  preview: null,
                  problems: [],
                }
              : {
                  phase: 'bind',
                  boundFrom: design,
                  prepared: null,
                  partial: prepared.error.partial,
                  preview: null,
                  problems: prepared.error.problems,
                },
          )
        }),
      setSandboxFaults: (patch) => {
        if (sandbox) set({ sandboxFaults: sandbox.setFaults(patch) })
      },
      resetSandbox: () =>
        step('Resetting the sandbox…', async () => {
          if (!sandbox) return
          sandbox.reset()
          set({ preview: null, report: null, prunable: null, pruned: null, phase: 'setup' })
          // Groups made in it (the demo estate's among them) are gone: list what is left.
          await loadGroups(get().subscriptionId || SANDBOX_DEFAULTS.subscriptionId)
          set({
            notice: `The sandbox is back to its seeded state: only ${SANDBOX_DEFAULTS.resourceGroup} and its resources.`,
          })
        }),
      now: () => effects.clock.now(),
      checkInterrupted: async () => {
        const journal = await effects.journal.load().catch(() => undefined)
        if (journal && !get().report && get().phase !== 'running') set({ interrupted: journal })
      },
      dismissInterrupted: async () => {
        set({ interrupted: null })
        await effects.journal.clear()
      },
      back: () => {
        const order = ['setup', 'bind', 'preview', 'report'] as const
        const at = order.indexOf(get().phase as (typeof order)[number])
        if (at > 0) set({ phase: order[at - 1] ?? 'setup', error: null, retryBind: false })
      },
    }
  })
}

/**
 * The resource group of `subscriptionId` most of the design's bound nodes are in (by their
 * resource ids, or an identity's `azure.resourceGroup`), as the group list spells it; none when
 * no bound node is there.
 */
export function groupOfDesign(
  design: Design,
  subscriptionId: string,
  groups: readonly { readonly name: string }[],
): string | undefined {
  const counts = new Map<string, number>()
  for (const node of design.nodes) {
    const id = node.azure?.resourceId
    const parsed = id ? parseArmId(id) : undefined
    const name =
      parsed?.ok && parsed.value.subscriptionId.toLowerCase() === subscriptionId.toLowerCase()
        ? parsed.value.resourceGroup
        : node.azure?.resourceGroup
    const listed = groups.find((g) => g.name.toLowerCase() === name?.toLowerCase())
    if (listed) counts.set(listed.name, (counts.get(listed.name) ?? 0) + 1)
  }
  let best: string | undefined
  for (const [name, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = name
  return best
}
