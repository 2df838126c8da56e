import { loadEstate } from '@/sandbox/core/estate.ts'
import { createSdkGateway } from '@/azure/sdk-gateway.ts'
import { sandboxClientOptions, sandboxCredential } from '@/sandbox/client-options.ts'
import { createSandbox, type Sandbox } from '@/sandbox/core/sandbox.ts'
import type { EntraSettings } from '@/apply/entra-settings.ts'
import type { ApplyEffects } from '@/apply/ports.ts'
import type { Clock } from '@/apply/clock.ts'
import { storageJournal } from '@/store/apply/journal.ts'
import { memoryStorage } from '@/store/effects.ts'

/** Apply effects over an in-memory sandbox reached through the real SDK; Azure is not available. */
export function sandboxApplyEffects(clock: Clock): ApplyEffects & {
  readonly sandbox: Sandbox
  readonly storage: ReturnType<typeof memoryStorage>
} {
  const sandbox = createSandbox({ now: () => clock.now(), seed: 3 })
  const storage = memoryStorage()
  let saved: EntraSettings | null = null
  return {
    sandbox,
    storage,
    clock,
    random: () => 0.5,
    journal: storageJournal(storage),
    async connectSandbox(onRemainingCalls) {
      const gateway = createSdkGateway({
        credential: sandboxCredential,
        clientOptions: sandboxClientOptions({ kind: 'in-page', sandbox }),
        onRemainingCalls,
        // Long-running operations are polled on the test's clock, as the sandbox runs on it.
        sleep: (ms, signal) => clock.sleep(ms, signal),
      })
      return {
        gateway,
        faults: () => sandbox.faults(),
        setFaults: (p) => sandbox.setFaults(p),
        reset: () => sandbox.reset(),
        loadDemoEstate: () => loadEstate(sandbox, 'demo'),
      }
    },
    async connectAzure() {
      throw new Error('no Azure in tests')
    },
    loadEntraSettings: () => saved,
    saveEntraSettings: (s) => void (saved = s),
  }
}
