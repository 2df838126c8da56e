import { sandboxClientOptions, sandboxCredential } from '../sandbox/client-options.ts'
import { parseFaultPatch, parseSandboxState } from '../sandbox/core/admin-schema.ts'
import { createSandbox } from '../sandbox/core/sandbox.ts'
import type { KeyValueStorage } from '../store/effects.ts'
import { storageJournal } from '../store/apply/journal.ts'
import type { ApplyEffects, EntraSettings, SignedInAccount } from '../store/apply/types.ts'
import { createSdkGateway } from './sdk-gateway.ts'
import { systemClock } from './system-clock.ts'

const SANDBOX_STATE = 'sandbox-state'
const SANDBOX_FAULTS = 'sandbox-faults'
const ENTRA_SETTINGS = 'identity-topology.entra'

/**
 * The apply effects of the web app. This module is loaded with the Apply dialog, so the Azure SDK
 * (and MSAL, loaded only for the Azure target) stay out of the first page load.
 */
export function browserApplyEffects(storage: KeyValueStorage): ApplyEffects {
  return {
    clock: systemClock,
    random: Math.random,
    journal: storageJournal(storage),

    async connectSandbox(onRemainingWrites) {
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
        onRemainingWrites,
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
      }
    },

    async connectAzure(settings, onRemainingWrites) {
      const { MsalSession } = await import('./msal-session.ts')
      const session = await MsalSession.start({
        clientId: settings.clientId,
        tenant: settings.tenant || 'organizations',
        redirectUri: `${window.location.origin}${window.location.pathname}`,
      })
      const gateway = createSdkGateway({ credential: session.credential(), onRemainingWrites })
      const account = (): SignedInAccount | null => {
        const a = session.account
        if (!a) return null
        const oid = (a.idTokenClaims as { oid?: string } | undefined)?.oid ?? a.localAccountId
        return { name: a.name ?? a.username, username: a.username, objectId: oid }
      }
      return {
        gateway,
        account,
        signIn: async (selectAccount) => {
          await session.signIn(selectAccount)
          return account()
        },
        signOut: () => session.signOut(),
      }
    },

    loadEntraSettings() {
      const clientId = import.meta.env.VITE_AZURE_CLIENT_ID as string | undefined
      const tenant = (import.meta.env.VITE_AZURE_TENANT_ID as string | undefined) ?? 'organizations'
      try {
        const saved = JSON.parse(
          localStorage.getItem(ENTRA_SETTINGS) ?? 'null',
        ) as EntraSettings | null
        if (saved?.clientId) return saved
      } catch {
        // unreadable settings: fall back to the build's
      }
      return clientId ? { clientId, tenant } : null
    },

    saveEntraSettings(settings) {
      localStorage.setItem(ENTRA_SETTINGS, JSON.stringify(settings))
    },
  }
}
