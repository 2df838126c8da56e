import { loadEstate } from '../sandbox/core/estate.ts'
import { sandboxClientOptions, sandboxCredential } from '../sandbox/client-options.ts'
import { parseFaultPatch, parseSandboxState } from '../sandbox/core/admin-schema.ts'
import { createSandbox } from '../sandbox/core/sandbox.ts'
import type { ArmGateway } from '../apply/gateway.ts'
import type { KeyValueStorage } from '../lib/key-value-storage.ts'
import type { ApplyEffects, ApplyJournalStore, SignedInAccount } from '../apply/ports.ts'
import { noteSignInDone, noteSignInStarted } from './sign-in-resume.ts'
import { readSettings } from '../apply/entra-settings.ts'
import { createSdkGateway } from './sdk-gateway.ts'
import { systemClock } from './system-clock.ts'

const SANDBOX_STATE = 'sandbox-state'
const SANDBOX_FAULTS = 'sandbox-faults'
const ENTRA_SETTINGS = 'identity-topology.entra'

/**
 * The apply effects of the web app, wired once by the composition root (src/compose.ts). This
 * module is loaded when Apply first opens, so the Azure SDK (and MSAL, loaded only for the Azure
 * target) stay out of the first page load.
 */
export function browserApplyEffects(
  storage: KeyValueStorage,
  journal: ApplyJournalStore,
): ApplyEffects {
  return {
    clock: systemClock,
    random: Math.random,
    journal,

    async connectSandbox(onRemainingCalls) {
      const saved = parseSandboxState(await storage.get(SANDBOX_STATE))
      const faults = parseFaultPatch(await storage.get(SANDBOX_FAULTS))
      const sandbox = createSandbox({
        now: () => Date.now(),
        ...(saved.ok ? { state: saved.value } : {}),
        ...(faults.ok ? { options: { faults: faults.value } } : {}),
      })
      let timer: ReturnType<typeof setTimeout> | undefined
      const persist = (): void => {
        clearTimeout(timer)
        timer = setTimeout(() => void storage.set(SANDBOX_STATE, sandbox.snapshot()), 200)
      }
      const gateway = createSdkGateway({
        credential: sandboxCredential,
        clientOptions: sandboxClientOptions({
          kind: 'in-page',
          sandbox,
          http: { onChange: persist },
        }),
        onRemainingCalls,
      })
      return {
        gateway,
        faults: () => sandbox.faults(),
        setFaults: (patch) => {
          const next = sandbox.setFaults(patch)
          void storage.set(SANDBOX_FAULTS, next)
          return next
        },
        reset: () => {
          sandbox.reset()
          void storage.set(SANDBOX_STATE, sandbox.snapshot())
        },
        loadDemoEstate: () => {
          const summary = loadEstate(sandbox, 'demo')
          void storage.set(SANDBOX_STATE, sandbox.snapshot())
          return summary
        },
      }
    },

    async connectAzure(settings, onRemainingCalls) {
      const { MsalSession } = await import('./msal-session.ts')
      const session = await MsalSession.start({
        clientId: settings.clientId,
        authority: settings.authority,
        // MSAL 5's redirect bridge (redirect.html beside the app) relays popup and iframe answers.
        redirectUri: new URL('redirect.html', document.baseURI).href,
        armEndpoint: settings.armEndpoint,
      })
      // One gateway per signed-in account: the SDK clients keep their token until it nears
      // expiry, so after a sign-out or an account switch the old user's token must go with them.
      let current: { readonly account: string; readonly gateway: ArmGateway } | undefined
      const gatewayOfAccount = (): ArmGateway => {
        const key = session.account?.homeAccountId ?? ''
        if (current?.account !== key)
          current = {
            account: key,
            gateway: createSdkGateway({
              credential: session.credential(),
              // Tokens for the audience of the endpoint's cloud (the session asks for the same).
              clientOptions: { endpoint: settings.armEndpoint },
              onRemainingCalls,
            }),
          }
        return current.gateway
      }
      const account = (): SignedInAccount | null => {
        const a = session.account
        if (!a) return null
        const oid = (a.idTokenClaims as { oid?: string } | undefined)?.oid ?? a.localAccountId
        return {
          name: a.name ?? a.username,
          username: a.username,
          objectId: oid,
          ...(a.tenantId ? { tenantId: a.tenantId } : {}),
        }
      }
      return {
        get gateway() {
          return gatewayOfAccount()
        },
        account,
        signIn: async (selectAccount) => {
          // Noted in case the popup is blocked and the page leaves for a redirect sign-in.
          noteSignInStarted()
          await session.signIn(selectAccount)
          noteSignInDone()
          return account()
        },
        signOut: () => session.signOut(),
      }
    },

    loadEntraSettings() {
      let saved: unknown = null
      try {
        saved = JSON.parse(localStorage.getItem(ENTRA_SETTINGS) ?? 'null')
      } catch {
        // unreadable settings: fall back to the build's
      }
      return (
        readSettings(saved) ??
        readSettings({
          clientId: import.meta.env.VITE_AZURE_CLIENT_ID,
          tenant: import.meta.env.VITE_AZURE_TENANT_ID,
          authority: import.meta.env.VITE_AZURE_AUTHORITY,
          armEndpoint: import.meta.env.VITE_ARM_ENDPOINT,
        })
      )
    },

    saveEntraSettings(settings) {
      localStorage.setItem(ENTRA_SETTINGS, JSON.stringify(settings))
    },
  }
}
