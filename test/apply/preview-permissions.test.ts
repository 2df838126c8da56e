import type { AccessToken } from '@azure/core-auth'
import { describe, expect, it } from 'vitest'
import { neededFor } from '@/apply/permission-check.ts'
import { prepareApply } from '@/apply/prepare.ts'
import { previewApply } from '@/apply/preview.ts'
import { runApply } from '@/apply/run.ts'
import { createSdkGateway } from '@/azure/sdk-gateway.ts'
import type { Design } from '@/model/types.ts'
import { sandboxClientOptions } from '@/sandbox/client-options.ts'
import { createSandbox } from '@/sandbox/core/sandbox.ts'
import { DIRECTORY_ASSIGNMENTS, SANDBOX_USERS } from '@/sandbox/login/directory.ts'
import { templateById } from '@/templates/index.ts'
import { VirtualClock } from '../support/virtual-clock.ts'
import { SUB, TARGET } from './support.ts'

const DEVS = 'cccccccc-0000-4000-8000-000000000001'
const RG = `/subscriptions/${SUB}/resourceGroups/sandbox-rg`
const STORE = `${RG}/providers/Microsoft.Storage/storageAccounts/contosoassets`

/** Developers granted on a storage account of the group, and on the whole subscription. */
const design: Design = {
  name: 'Team access',
  nodes: [
    {
      id: 'devs',
      kind: 'developer',
      name: 'Team developers',
      principal: 'group',
      azure: { principalId: DEVS },
    },
    { id: 'blob', kind: 'service', name: 'contosoassets', service: 'storage' },
  ],
  edges: [
    {
      id: 'in-group',
      kind: 'access',
      source: 'devs',
      target: 'blob',
      roles: ['Storage Blob Data Reader'],
    },
    {
      id: 'subscription',
      kind: 'access',
      source: 'devs',
      target: 'blob',
      roles: ['Storage Blob Data Contributor'],
      scope: 'subscription',
    },
  ],
}

/** The sign-in sandbox's world in the page, reached through the SDK as one of its users. */
function signedInWorld(username: string) {
  const user = SANDBOX_USERS.find((u) => u.username === username)
  if (!user) throw new Error(username)
  const clock = new VirtualClock()
  const sandbox = createSandbox({
    now: () => clock.now(),
    options: { directory: DIRECTORY_ASSIGNMENTS, faults: { throttle: { enabled: false } } },
  })
  const claims = Buffer.from(
    JSON.stringify({ oid: user.objectId, preferred_username: user.username }),
  ).toString('base64url')
  const gateway = createSdkGateway({
    credential: {
      getToken: async (): Promise<AccessToken> => ({
        token: `e30.${claims}.`,
        expiresOnTimestamp: clock.now() + 3_600_000,
      }),
    },
    clientOptions: sandboxClientOptions({ kind: 'in-page', sandbox }),
  })
  return { clock, sandbox, gateway }
}

async function preview(username: string, d: Design) {
  const world = signedInWorld(username)
  const resources = await world.gateway.listResources(SUB, 'sandbox-rg')
  const prepared = prepareApply(d, resources, TARGET, {})
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.error.problems))
  return {
    world,
    prepared: prepared.value,
    preview: await previewApply(prepared.value.design, prepared.value.steps, world.gateway, TARGET),
  }
}

describe('the preview judges each write by the caller’s permissions', () => {
  it('shows the limited RBAC administrator which scopes it can change: its group yes, the subscription no', async () => {
    const { preview: p } = await preview('rbac-admin@sandbox.example', design)
    const byEdge = Object.fromEntries(
      p.items.map((i) => [
        i.step.kind === 'assignRole' ? i.step.scopeKind : i.step.kind,
        { status: i.status, reason: i.reason },
      ]),
    )
    expect(byEdge.resource).toEqual({ status: 'create' })
    expect(byEdge.subscription).toEqual({
      status: 'cannot',
      reason: `you lack Microsoft.Authorization/roleAssignments/write on /subscriptions/${SUB}`,
    })
  })

  it('skips what the caller lacks unless asked to try; tried, ARM’s AuthorizationFailed is the step’s failure', async () => {
    const { world, preview: p } = await preview('rbac-admin@sandbox.example', design)
    const options = {
      gateway: world.gateway,
      clock: world.clock,
      random: () => 0.5,
      design: design.name,
      target: { ...TARGET, endpoint: 'sandbox' },
    }
    const atSubscription = (steps: readonly { id: string }[]) =>
      steps.find((s) => s.id.endsWith(':subscription'))
    const skipped = await runApply(p, options)
    expect(skipped.counts).toMatchObject({ created: 1, skipped: 1, failed: 0 })
    expect(atSubscription(skipped.steps)).toMatchObject({
      outcome: 'skipped',
      detail: `you lack Microsoft.Authorization/roleAssignments/write on /subscriptions/${SUB}`,
    })
    const tried = await runApply(p, { ...options, attemptDenied: true })
    expect(tried.counts).toMatchObject({ created: 0, unchanged: 1, failed: 1 })
    expect(atSubscription(tried.steps)).toMatchObject({
      outcome: 'failed',
      failure: {
        status: 403,
        code: 'AuthorizationFailed',
        message: expect.stringMatching(
          /^The client 'rbac-admin@sandbox\.example' with object id '44444444-0000-4000-8000-000000000003' does not have authorization to perform action 'Microsoft\.Authorization\/roleAssignments\/write' over scope '\/subscriptions\/11111111-1111-1111-1111-111111111111\/providers\/Microsoft\.Authorization\/roleAssignments\//,
        ),
        advice:
          'You need Microsoft.Authorization/roleAssignments/write at this scope: ask for Role Based Access Control Administrator (or User Access Administrator / Owner) on it.',
      },
    })
  })

  it('marks every write of scenario 2 "cannot" for a Reader, each with what it lacks', async () => {
    const scenario = templateById('scenario-2')?.design
    if (!scenario) throw new Error('scenario-2')
    const developers = scenario.nodes.map((n) =>
      n.kind === 'developer' ? { ...n, azure: { principalId: DEVS } } : n,
    )
    const { preview: p } = await preview('reader@sandbox.example', {
      ...scenario,
      nodes: developers,
    })
    const writes = p.items.filter((i) => i.status !== 'manual')
    expect(writes.length).toBeGreaterThan(10)
    for (const item of writes) {
      const first = neededFor(item.step)[0]
      expect(item).toMatchObject({
        status: 'cannot',
        denied: first,
        reason: `you lack ${first?.action} on ${first?.scope}`,
      })
    }
    expect(new Set(writes.map((i) => i.denied?.action))).toEqual(
      new Set([
        'Microsoft.ManagedIdentity/userAssignedIdentities/write',
        'Microsoft.Web/sites/write',
        'Microsoft.Authorization/roleAssignments/write',
        'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments/write',
        'Microsoft.Web/sites/config/list/action',
      ]),
    )
    expect(writes.find((i) => i.step.kind === 'createIdentity')?.denied?.scope).toBe(RG)
    expect(writes.some((i) => i.denied?.scope === STORE)).toBe(true)
  })
})
