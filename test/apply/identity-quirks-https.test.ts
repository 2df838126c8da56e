import { describe, expect, it } from 'vitest'
import { classify, type ArmFailure } from '@/apply/failure.ts'
import { succeeded } from '@/apply/report.ts'
import { Principals } from '@/apply/principals.ts'
import { configureIdentity } from '@/apply/steps/configure-identity.ts'
import type { Design } from '@/model/types.ts'
import type { Json } from '@/sandbox/core/types.ts'
import { applyOnce, httpsWorld, QUICK_RETRY, SUB, sandboxServerPerFile } from './support.ts'

const RETRY = QUICK_RETRY
const RG = `/subscriptions/${SUB}/resourceGroups/sandbox-rg`

const host = sandboxServerPerFile()

const storage = { id: 'st', kind: 'service', name: 'quirkstore', service: 'storage' } as const
const access = (id: string, source: string, via: string) =>
  ({ id, kind: 'access', source, target: 'st', via, roles: ['Storage Blob Data Reader'] }) as const

/** Reads what the sandbox holds for a resource: the truth, not what apply reported. */
function live(type: string, name: string) {
  return Object.values(host.server.sandbox.snapshot().resources).find(
    (r) => r.type === type && r.name === name,
  )
}

describe('identity changes per resource type (real SDK over HTTPS)', () => {
  it('container groups and workflows: PATCH ignores identity, so apply writes the whole resource back and verifies', async () => {
    host.server.sandbox.seed({
      resources: [
        { type: 'Microsoft.Storage/storageAccounts', name: 'quirkstore' },
        {
          type: 'Microsoft.ContainerInstance/containerGroups',
          name: 'quirk-aci',
          properties: {
            osType: 'Linux',
            containers: [{ name: 'app', properties: { image: 'nginx' } }],
          },
        },
        {
          type: 'Microsoft.Logic/workflows',
          name: 'quirk-flow',
          properties: { definition: { actions: {} } },
        },
      ],
    })
    const design: Design = {
      name: 'Quirks',
      nodes: [
        storage,
        {
          id: 'aci',
          kind: 'app',
          name: 'quirk-aci',
          hosting: 'containerInstance',
          systemAssigned: true,
        },
        { id: 'mi', kind: 'identity', name: 'mi-quirk' },
        { id: 'flow', kind: 'app', name: 'quirk-flow', hosting: 'logicApp', systemAssigned: true },
      ],
      edges: [
        { id: 'a1', kind: 'attach', source: 'aci', target: 'mi' },
        access('e1', 'aci', 'system'),
        access('e2', 'aci', 'mi'),
        access('e3', 'flow', 'system'),
      ],
    }
    const applied = await applyOnce(design, await httpsWorld(host.server.url), { retry: RETRY })
    expect(applied.report.steps.filter((s) => s.outcome === 'failed')).toEqual([])
    expect(succeeded(applied.report)).toBe(true)
    const aci = live('Microsoft.ContainerInstance/containerGroups', 'quirk-aci')!
    expect(aci.identity?.system?.principalId).toMatch(/^[0-9a-f-]{36}$/)
    expect(Object.keys(aci.identity?.user ?? {}).map((k) => k.toLowerCase())).toEqual([
      `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi-quirk`.toLowerCase(),
    ])
    // The rest of the resource survived the PUT.
    expect(aci.properties.containers).toEqual([{ name: 'app', properties: { image: 'nginx' } }])
    expect(live('Microsoft.Logic/workflows', 'quirk-flow')!.identity?.system).toBeDefined()
    const detail = applied.report.steps.find((s) => s.id === 'configureIdentity:aci')?.detail
    expect(detail).toBe('identity type SystemAssigned, UserAssigned, read back and verified')
  }, 30_000)

  it('a write the provider ignored is a failure, never "created" (read back after PATCH)', async () => {
    host.server.sandbox.seed({
      resources: [{ type: 'Microsoft.ContainerInstance/containerGroups', name: 'ignored-aci' }],
    })
    const w = await httpsWorld(host.server.url)
    const id = `${RG}/providers/Microsoft.ContainerInstance/containerGroups/ignored-aci`
    // As if the container group took PATCH like an App Service: the provider answers 200 and
    // changes nothing.
    const run = configureIdentity.execute(
      {
        kind: 'configureIdentity',
        id: 'configureIdentity:x',
        title: 'x',
        app: 'x',
        hosting: 'appService',
        resourceId: id,
        apiVersion: '2023-05-01',
        enableSystem: true,
        attach: [],
      },
      {
        gateway: w.raw,
        principals: new Principals(),
        retry: (call) => call(),
        signal: undefined,
      },
    )
    await expect(run).rejects.toMatchObject({
      code: 'IdentityNotApplied',
      message: `${id} answered the write but its identity is unchanged (system-assigned identity still off).`,
    })
  })

  it('Container Apps take "SystemAssigned,UserAssigned", App Service "SystemAssigned, UserAssigned"', async () => {
    host.server.sandbox.seed({
      resources: [
        { type: 'Microsoft.Storage/storageAccounts', name: 'quirkstore' },
        { type: 'Microsoft.App/containerApps', name: 'quirk-ca' },
        { type: 'Microsoft.Web/sites', name: 'quirk-web', kind: 'app' },
      ],
    })
    const design: Design = {
      name: 'Spellings',
      nodes: [
        storage,
        { id: 'ca', kind: 'app', name: 'quirk-ca', hosting: 'containerApp', systemAssigned: true },
        { id: 'web', kind: 'app', name: 'quirk-web', hosting: 'appService', systemAssigned: true },
        { id: 'mi', kind: 'identity', name: 'mi-spell' },
      ],
      edges: [
        { id: 'a1', kind: 'attach', source: 'ca', target: 'mi' },
        { id: 'a2', kind: 'attach', source: 'web', target: 'mi' },
        access('e1', 'ca', 'system'),
        access('e2', 'ca', 'mi'),
        access('e3', 'web', 'system'),
        access('e4', 'web', 'mi'),
      ],
    }
    const applied = await applyOnce(design, await httpsWorld(host.server.url), { retry: RETRY })
    expect(applied.report.steps.filter((s) => s.outcome === 'failed')).toEqual([])
    const types = ['ca', 'web'].map(
      (n) => applied.report.steps.find((s) => s.id === `configureIdentity:${n}`)?.detail,
    )
    expect(types).toEqual([
      'identity type SystemAssigned,UserAssigned, read back and verified',
      'identity type SystemAssigned, UserAssigned, read back and verified',
    ])
  }, 30_000)

  it('Container Apps: PATCH is a Location-tracked operation, polled to its end before the identity is read back', async () => {
    host.server.sandbox.setFaults({ operations: { durationMs: 1500, retryAfterSeconds: 1 } })
    host.server.sandbox.seed({
      resources: [
        { type: 'Microsoft.Storage/storageAccounts', name: 'quirkstore' },
        {
          type: 'Microsoft.App/containerApps',
          name: 'slow-ca',
          properties: { template: { containers: [{ name: 'api', image: 'nginx' }] } },
        },
      ],
    })
    const design: Design = {
      name: 'Slow Container App',
      nodes: [
        storage,
        { id: 'ca', kind: 'app', name: 'slow-ca', hosting: 'containerApp', systemAssigned: true },
        { id: 'mi', kind: 'identity', name: 'mi-slow' },
      ],
      edges: [
        { id: 'a1', kind: 'attach', source: 'ca', target: 'mi' },
        access('e1', 'ca', 'system'),
        access('e2', 'ca', 'mi'),
      ],
    }
    const started = Date.now()
    const applied = await applyOnce(design, await httpsWorld(host.server.url), { retry: RETRY })
    expect(applied.report.steps.filter((s) => s.outcome === 'failed')).toEqual([])
    expect(applied.report.steps.find((s) => s.id === 'configureIdentity:ca')?.detail).toBe(
      'identity type SystemAssigned,UserAssigned, read back and verified',
    )
    // The write answered 202 and was polled after each Retry-After until it ended.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500)
    const ca = live('Microsoft.App/containerApps', 'slow-ca')!
    expect(ca.properties.provisioningState).toBe('Succeeded')
    // The rest of the app survived; its client-ID setting went into its container's environment.
    const clientId = live('Microsoft.ManagedIdentity/userAssignedIdentities', 'mi-slow')!.properties
      .clientId
    expect(ca.properties.template).toEqual({
      containers: [
        {
          name: 'api',
          image: 'nginx',
          env: [{ name: 'MANAGED_IDENTITY_CLIENT_ID_STORAGE', value: clientId }],
        },
      ],
    })
    expect(ca.identity?.system?.principalId).toMatch(/^[0-9a-f-]{36}$/)
    expect(Object.keys(ca.identity?.user ?? {}).map((k) => k.toLowerCase())).toEqual([
      `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi-slow`.toLowerCase(),
    ])
  }, 30_000)

  it('Container Apps: client ids go into every container’s environment (PATCH of the containers, polled), the rest kept, and a second run finds them in place', async () => {
    host.server.sandbox.setFaults({ operations: { durationMs: 400, retryAfterSeconds: 1 } })
    const env: Record<string, string>[] = [
      { name: 'KEEP', value: "it's $(kept)" },
      { name: 'DB_PASSWORD', secretRef: 'db' },
    ]
    const api = { name: 'api', image: 'nginx', env }
    host.server.sandbox.seed({
      resources: [
        { type: 'Microsoft.Storage/storageAccounts', name: 'quirkstore' },
        {
          type: 'Microsoft.App/containerApps',
          name: 'env-ca',
          properties: { template: { containers: [api, { name: 'sidecar', image: 'busybox' }] } },
        },
      ],
    })
    const design: Design = {
      name: 'Container env',
      nodes: [
        storage,
        { id: 'ca', kind: 'app', name: 'env-ca', hosting: 'containerApp' },
        { id: 'mi', kind: 'identity', name: 'mi-env' },
      ],
      edges: [{ id: 'a1', kind: 'attach', source: 'ca', target: 'mi' }, access('e1', 'ca', 'mi')],
    }
    const first = await applyOnce(design, await httpsWorld(host.server.url), { retry: RETRY })
    expect(first.report.steps.filter((s) => s.outcome === 'failed')).toEqual([])
    expect(first.report.steps.find((s) => s.id === 'setAppSettings:ca')?.outcome).toBe('created')
    const clientId = live('Microsoft.ManagedIdentity/userAssignedIdentities', 'mi-env')!.properties
      .clientId as string
    const containers = live('Microsoft.App/containerApps', 'env-ca')!.properties.template
    expect(containers).toEqual({
      containers: [
        { ...api, env: [...env, { name: 'AZURE_CLIENT_ID', value: clientId }] },
        { name: 'sidecar', image: 'busybox', env: [{ name: 'AZURE_CLIENT_ID', value: clientId }] },
      ],
    })
    const second = await applyOnce(design, await httpsWorld(host.server.url), { retry: RETRY })
    expect(second.preview.items.find((i) => i.step.id === 'setAppSettings:ca')?.status).toBe(
      'inPlace',
    )
    expect(second.report.steps.find((s) => s.id === 'setAppSettings:ca')?.outcome).toBe('unchanged')
  }, 30_000)

  it('Container Apps: a write while an update runs gets 409 ContainerAppLockConflict, which apply retries', async () => {
    host.server.sandbox.setFaults({ operations: { durationMs: 60_000, retryAfterSeconds: 1 } })
    host.server.sandbox.seed({
      resources: [{ type: 'Microsoft.App/containerApps', name: 'busy-ca' }],
    })
    const id = `${RG}/providers/Microsoft.App/containerApps/busy-ca`
    const w = await httpsWorld(host.server.url)
    const abort = new AbortController()
    const first = w.raw
      .patchIdentity(id, '2024-03-01', { type: 'SystemAssigned' }, { signal: abort.signal })
      .catch((e: unknown) => e)
    // The first PATCH is accepted and its operation runs: the app reads as before meanwhile.
    await expect
      .poll(() => live('Microsoft.App/containerApps', 'busy-ca')?.properties.provisioningState)
      .toBe('InProgress')
    expect(live('Microsoft.App/containerApps', 'busy-ca')?.identity).toBeUndefined()
    const second = await w.raw
      .patchIdentity(id, '2024-03-01', { type: 'SystemAssigned' })
      .catch((e: unknown) => e)
    abort.abort()
    await first
    expect(second).toMatchObject({
      status: 409,
      code: 'ContainerAppLockConflict',
      message:
        "Cannot modify container App 'busy-ca' because another modification is in progress. Please retry the operation.",
    })
    expect(classify(second as ArmFailure)).toBe('locked')
  }, 30_000)

  it('container groups with secrets: never written back (the GET withholds them); manual, saying which and what to do', async () => {
    const containers: Json[] = [
      {
        name: 'app',
        properties: {
          image: 'contoso.azurecr.io/app:1',
          environmentVariables: [
            { name: 'MODE', value: 'prod' },
            { name: 'DB_PASSWORD', secureValue: 's3cret' },
          ],
        },
      },
    ]
    const credentials = [{ server: 'contoso.azurecr.io', username: 'pull', password: 'p4ss' }]
    host.server.sandbox.seed({
      resources: [
        { type: 'Microsoft.Storage/storageAccounts', name: 'quirkstore' },
        {
          type: 'Microsoft.ContainerInstance/containerGroups',
          name: 'secret-aci',
          properties: { osType: 'Linux', containers, imageRegistryCredentials: credentials },
        },
      ],
    })
    const design: Design = {
      name: 'Secrets',
      nodes: [
        storage,
        {
          id: 'aci',
          kind: 'app',
          name: 'secret-aci',
          hosting: 'containerInstance',
          systemAssigned: true,
        },
      ],
      edges: [access('e1', 'aci', 'system')],
    }
    const applied = await applyOnce(design, await httpsWorld(host.server.url), { retry: RETRY })
    const item = applied.preview.items.find((i) => i.step.id === 'configureIdentity:aci')
    expect([item?.status, item?.reason]).toEqual([
      'manual',
      "the container group's secure variable DB_PASSWORD, registry password for contoso.azurecr.io cannot be read back, and writing it back to add the identity would clear them: add the identity where the group is deployed (its template, or az container create --assign-identity)",
    ])
    const group = live('Microsoft.ContainerInstance/containerGroups', 'secret-aci')!
    expect(group.identity).toBeUndefined()
    expect(group.properties.containers).toEqual(containers)
    expect(group.properties.imageRegistryCredentials).toEqual(credentials)
  }, 30_000)

  it('Logic Apps with a secure parameter given by value: never written back (the GET leaves the value out, and a PUT without it is refused)', async () => {
    const properties = {
      definition: {
        parameters: { apiKey: { type: 'SecureString' }, region: { type: 'String' } },
        actions: {},
      },
      parameters: { apiKey: { value: 'k3y' }, region: { value: 'westeurope' } },
    }
    host.server.sandbox.seed({
      resources: [
        { type: 'Microsoft.Storage/storageAccounts', name: 'quirkstore' },
        { type: 'Microsoft.Logic/workflows', name: 'secret-flow', properties },
      ],
    })
    const design: Design = {
      name: 'Secure parameters',
      nodes: [
        storage,
        { id: 'flow', kind: 'app', name: 'secret-flow', hosting: 'logicApp', systemAssigned: true },
      ],
      edges: [access('e1', 'flow', 'system')],
    }
    const applied = await applyOnce(design, await httpsWorld(host.server.url), { retry: RETRY })
    const item = applied.preview.items.find((i) => i.step.id === 'configureIdentity:flow')
    expect([item?.status, item?.reason]).toEqual([
      'manual',
      "the workflow's secure parameter apiKey cannot be read back, and Logic Apps refuses it written back without its value: add the identity where the workflow is deployed (its template)",
    ])
    const flow = live('Microsoft.Logic/workflows', 'secret-flow')!
    expect(flow.identity).toBeUndefined()
    expect(flow.properties.parameters).toEqual(properties.parameters)
  }, 30_000)

  it('AKS workloads: one federated credential per identity, one write at a time per identity, no 409 met', async () => {
    host.server.sandbox.setFaults({ locks: { enabled: true, federatedCredentialMs: 150 } })
    host.server.sandbox.seed({
      resources: [
        { type: 'Microsoft.Storage/storageAccounts', name: 'quirkstore' },
        ...['aks-a', 'aks-b', 'aks-c'].map((name) => ({
          type: 'Microsoft.ContainerService/managedClusters',
          name,
          // What a client may send: ARM computes the issuer URL itself (issuerURL).
          properties: { oidcIssuerProfile: { enabled: true } },
        })),
      ],
    })
    const apps = ['aks-a', 'aks-b', 'aks-c']
    const design: Design = {
      name: 'Workloads',
      nodes: [
        storage,
        { id: 'mi', kind: 'identity', name: 'mi-pods' },
        ...apps.map((name) => ({
          id: name,
          kind: 'app' as const,
          name,
          hosting: 'aksWorkload' as const,
        })),
      ],
      edges: apps.flatMap((name, i) => [
        { id: `a${i}`, kind: 'attach' as const, source: name, target: 'mi' },
        access(`e${i}`, name, 'mi'),
      ]),
    }
    const retries: string[] = []
    const applied = await applyOnce(design, await httpsWorld(host.server.url), {
      retry: RETRY,
      onEvent: (e) => {
        if (e.type === 'retry') retries.push(e.note.failure.code)
      },
    })
    expect(applied.report.steps.filter((s) => s.outcome === 'failed')).toEqual([])
    expect(retries).toEqual([])
    const credentials = Object.values(host.server.sandbox.snapshot().resources)
      .filter((r) => r.type.endsWith('/federatedIdentityCredentials'))
      .map((r) => [r.name, r.properties.subject, r.properties.issuer])
      .sort()
    const issuerOf = (cluster: string): unknown =>
      Object.values(host.server.sandbox.snapshot().resources).find((r) => r.name === cluster)
        ?.properties.oidcIssuerProfile
    expect(credentials).toEqual(
      apps.map((a) => [
        `mi-pods/${a}`,
        `system:serviceaccount:default:${a}`,
        (issuerOf(a) as { issuerURL: string }).issuerURL,
      ]),
    )
    expect(issuerOf('aks-a')).toEqual({
      enabled: true,
      issuerURL: expect.stringMatching(
        /^https:\/\/\w+\.oic\.prod-aks\.azure\.com\/[0-9a-f-]+\/[0-9a-f-]+\/$/,
      ),
    })
  }, 30_000)
})
