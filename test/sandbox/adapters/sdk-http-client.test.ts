import { AuthorizationManagementClient } from '@azure/arm-authorization'
import { ManagedServiceIdentityClient } from '@azure/arm-msi'
import { isRestError } from '@azure/core-rest-pipeline'
import { describe, expect, it } from 'vitest'
import {
  sandboxClientOptions,
  sandboxCredential,
  SANDBOX_CALLER_ID,
} from '@/sandbox/client-options.ts'
import { createSandbox } from '@/sandbox/core/sandbox.ts'
import type { SandboxState } from '@/sandbox/core/types.ts'
import { RG_ID, ROLES, SUB, testClock } from '../support.ts'

describe('the in-page HttpClient', () => {
  it('runs the real SDK clients with no network and keeps the world across “reloads” through snapshots', async () => {
    const clock = testClock()
    const stored: { state?: SandboxState } = {}
    const persist = {
      onChange: (s: { snapshot(): SandboxState }) => void (stored.state = s.snapshot()),
    }
    const first = createSandbox({ now: clock.now })
    const options = {
      ...sandboxClientOptions({ kind: 'in-page', sandbox: first, http: persist }),
      retryOptions: { maxRetries: 0 },
    }
    expect(options.endpoint).toBe('https://sandbox.arm.invalid')
    const msi = new ManagedServiceIdentityClient(sandboxCredential, SUB, options)
    const mi = await msi.userAssignedIdentities.createOrUpdate('sandbox-rg', 'mi-page', {
      location: 'westeurope',
    })
    const auth = new AuthorizationManagementClient(sandboxCredential, SUB, options)
    const a = await auth.roleAssignments.create(RG_ID, '7b0f43c5-e787-4862-89b1-a653fa9cf747', {
      roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${ROLES.reader}`,
      principalId: mi.principalId ?? '',
      principalType: 'ServicePrincipal',
    })
    expect(a.createdBy).toBe(SANDBOX_CALLER_ID)
    expect(stored.state).toBeDefined()

    // A new page: a new sandbox from the stored snapshot sees the same world.
    const second = createSandbox({
      now: clock.now,
      state: JSON.parse(JSON.stringify(stored.state)),
    })
    const again = new ManagedServiceIdentityClient(sandboxCredential, SUB, {
      ...sandboxClientOptions({ kind: 'in-page', sandbox: second }),
      retryOptions: { maxRetries: 0 },
    })
    expect((await again.userAssignedIdentities.get('sandbox-rg', 'mi-page')).clientId).toBe(
      mi.clientId,
    )
  })

  it('waits the latency the core drew and throws ECONNRESET for a drawn reset', async () => {
    const sandbox = createSandbox({
      now: Date.now,
      options: { faults: { latency: { fixedMs: 40, jitterMs: 0 } } },
    })
    const waits: number[] = []
    const sleep = async (ms: number) => void waits.push(ms)
    const msi = new ManagedServiceIdentityClient(sandboxCredential, SUB, {
      ...sandboxClientOptions({ kind: 'in-page', sandbox, http: { sleep } }),
      retryOptions: { maxRetries: 0 },
    })
    await msi.userAssignedIdentities.createOrUpdate('sandbox-rg', 'mi-slow', {
      location: 'westeurope',
    })
    expect(waits).toEqual([40])
    sandbox.setFaults({ resets: { rate: 1 } })
    const error = await msi.userAssignedIdentities
      .get('sandbox-rg', 'mi-slow')
      .catch((e: unknown) => e)
    expect(isRestError(error)).toBe(true)
    expect(error).toMatchObject({ code: 'ECONNRESET' })
  })

  it('honours an abort while waiting', async () => {
    const sandbox = createSandbox({
      now: Date.now,
      options: { faults: { latency: { fixedMs: 10_000, jitterMs: 0 } } },
    })
    const msi = new ManagedServiceIdentityClient(sandboxCredential, SUB, {
      ...sandboxClientOptions({ kind: 'in-page', sandbox }),
      retryOptions: { maxRetries: 0 },
    })
    const controller = new AbortController()
    const pending = msi.userAssignedIdentities
      .get('sandbox-rg', 'x', { abortSignal: controller.signal })
      .catch((e: unknown) => e)
    controller.abort()
    expect(await pending).toMatchObject({ name: 'AbortError' })
  })
})
