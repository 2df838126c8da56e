import { performance } from 'node:perf_hooks'
import { AuthorizationManagementClient } from '@azure/arm-authorization'
import { ClientSecretCredential } from '@azure/identity'
import { sandboxClientOptions, sandboxCredential } from '../../src/sandbox/client-options.ts'
import { createSandbox, type Sandbox } from '../../src/sandbox/core/sandbox.ts'
import { SANDBOX_TENANT_ID } from '../../src/sandbox/core/seed.ts'
import {
  CLIENT_SECRET,
  DIRECTORY_ASSIGNMENTS,
  SANDBOX_USERS,
} from '../../src/sandbox/login/directory.ts'
import { startSandboxServer } from '../../src/sandbox/server/https-server.ts'
import { round } from '../measure.ts'
import type { BenchSuite, Figure } from '../types.ts'

const SUB = '11111111-1111-1111-1111-111111111111'
const RG = `/subscriptions/${SUB}/resourceGroups/sandbox-rg`
const STORE = `${RG}/providers/Microsoft.Storage/storageAccounts/contosoassets`
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
const guid = (i: number, prefix = 'a') =>
  `${prefix}0000000-0000-4000-8000-${String(i).padStart(12, '0')}`

const fresh = (signIn = false): Sandbox =>
  createSandbox({
    now: () => 0,
    options: {
      faults: { throttle: { enabled: false } },
      ...(signIn ? { directory: DIRECTORY_ASSIGNMENTS } : {}),
    },
  })

/** An unsigned JWT of the sign-in sandbox's Owner (the core trusts what the server verified). */
const OWNER_TOKEN = `Bearer e30.${Buffer.from(JSON.stringify({ oid: SANDBOX_USERS[0]?.objectId })).toString('base64url')}.`

function putAssignment(sandbox: Sandbox, i: number, authorization = 'Bearer bench'): number {
  const outcome = sandbox.handle({
    method: 'PUT',
    url: `${STORE}/providers/Microsoft.Authorization/roleAssignments/${guid(i)}?api-version=2022-04-01`,
    headers: { authorization },
    body: JSON.stringify({
      properties: {
        roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${READER}`,
        principalId: guid(i, 'c'),
        principalType: 'User',
      },
    }),
  })
  return outcome.kind === 'response' ? outcome.response.status : 0
}

async function sdkCreates(client: AuthorizationManagementClient, count: number): Promise<number> {
  const start = performance.now()
  for (let i = 0; i < count; i++)
    await client.roleAssignments.create(STORE, guid(i, 'b'), {
      roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${READER}`,
      principalId: guid(i, 'd'),
      principalType: 'User',
    })
  return (performance.now() - start) / count
}

/** The sandbox's own speed: a full subscription of role assignments, and the SDK over each adapter. */
export const suite: BenchSuite = {
  name: 'sandbox',
  async run(log) {
    const figures: Figure[] = []
    const sandbox = fresh()
    let start = performance.now()
    for (let i = 0; i < 5_000; i++)
      if (putAssignment(sandbox, i) !== 201) throw new Error('PUT failed')
    const fill = performance.now() - start
    log(`  5,000 role assignments in ${Math.round(fill)} ms`)
    figures.push({
      name: 'core: 5,000 role assignment PUTs',
      value: round(fill),
      unit: 'ms',
      target: { max: 2_000 },
    })
    const authorized = fresh(true)
    start = performance.now()
    for (let i = 0; i < 5_000; i++)
      if (putAssignment(authorized, i, OWNER_TOKEN) !== 201) throw new Error('PUT as Owner failed')
    figures.push({
      name: 'core, sign-in mode: 5,000 role assignment PUTs, each authorized',
      value: round(performance.now() - start),
      unit: 'ms',
      target: { max: 3_000 },
    })
    start = performance.now()
    const list = sandbox.handle({
      method: 'GET',
      url: `${RG}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01`,
      headers: { authorization: 'Bearer bench' },
    })
    figures.push({
      name: 'core: first page of 5,000 assignments',
      value: round(performance.now() - start),
      unit: 'ms',
      target: { max: 50 },
    })
    if (list.kind !== 'response' || list.response.status !== 200) throw new Error('list failed')
    start = performance.now()
    const snapshot = JSON.stringify(sandbox.snapshot())
    figures.push({
      name: 'core: snapshot of 5,000 assignments',
      value: round(performance.now() - start),
      unit: 'ms',
      note: `${Math.round(snapshot.length / 1024)} kB`,
    })

    const inPage = new AuthorizationManagementClient(
      sandboxCredential,
      SUB,
      sandboxClientOptions({ kind: 'in-page', sandbox: fresh() }),
    )
    figures.push({
      name: 'SDK in-page: role assignment create',
      value: round(await sdkCreates(inPage, 500)),
      unit: 'ms/op',
      target: { max: 5 },
    })

    const server = await startSandboxServer({
      options: { faults: { throttle: { enabled: false } } },
    })
    try {
      const https = new AuthorizationManagementClient(
        sandboxCredential,
        SUB,
        sandboxClientOptions({
          kind: 'https',
          url: server.url,
          certificatePem: server.certificatePem,
        }),
      )
      figures.push({
        name: 'SDK over HTTPS: role assignment create',
        value: round(await sdkCreates(https, 300)),
        unit: 'ms/op',
        target: { max: 20 },
      })
    } finally {
      await server.close()
    }

    const signed = await startSandboxServer({
      login: true,
      options: { faults: { throttle: { enabled: false } } },
    })
    try {
      const pipeline = new ClientSecretCredential(
        SANDBOX_TENANT_ID,
        'sandbox-pipeline',
        CLIENT_SECRET,
        {
          authorityHost: signed.url,
          disableInstanceDiscovery: true,
          tlsOptions: { ca: signed.certificatePem },
        },
      )
      const https = new AuthorizationManagementClient(
        pipeline,
        SUB,
        sandboxClientOptions({
          kind: 'https',
          url: signed.url,
          certificatePem: signed.certificatePem,
        }),
      )
      figures.push({
        name: 'SDK over HTTPS, sign-in mode (token verified, call authorized): role assignment create',
        value: round(await sdkCreates(https, 300)),
        unit: 'ms/op',
        target: { max: 25 },
      })
    } finally {
      await signed.close()
    }
    return figures
  },
}
