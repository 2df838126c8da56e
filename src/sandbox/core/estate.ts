import { err, ok, type Result } from '../../lib/result.ts'
import { v5 as uuidv5 } from 'uuid'
import type { RoleFact } from '../../catalog/role-fact.ts'
import { ALL_ROLES, roleByName } from '../../catalog/roles.ts'
import { SERVICES } from '../../catalog/services.ts'
import { HOSTING_ARM_TYPES, IDENTITY_ARM_TYPE, SERVICE_ARM_TYPES } from '../../model/bindings.ts'
import { resourceGroupNameProblem } from '../../model/azure-formats.ts'
import { SERVICE_KINDS, type ServiceKind } from '../../model/kinds.ts'
import { defaultProperties } from './resource-types.ts'
import type { Sandbox } from './sandbox.ts'
import { SANDBOX_LOCATION, SANDBOX_SUBSCRIPTION_ID, SANDBOX_TENANT_ID } from './seed.ts'

/** What an estate holds once loaded: the group, and how many of each were made. */
export interface EstateSummary {
  readonly resourceGroup: string
  readonly apps: number
  readonly identities: number
  readonly services: number
  readonly assignments: number
}

/** A generated estate of a given size (benchmarks, large imports): deterministic for its seed. */
export interface EstateSize {
  readonly resourceGroup: string
  readonly apps: number
  readonly identities: number
  readonly assignments: number
  readonly seed?: number
}

const SUB = SANDBOX_SUBSCRIPTION_ID
const NAMESPACE = '3c1f6f0a-5b8e-4d7e-9a55-0f1b2c3d4e5f'
/** The demo's developers: a user who was given Owner "for a day" and a team's group. */
export const DEMO_OWNER_USER = '77777777-0000-4000-8000-000000000001'
export const DEMO_TEAM_GROUP = '77777777-0000-4000-8000-000000000002'

const group = (rg: string) => `/subscriptions/${SUB}/resourceGroups/${rg}`
const roleId = (name: string): string => {
  const id = roleByName(name)?.id
  if (!id) throw new Error(`no built-in role ${name}`)
  return `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${id}`
}

/**
 * Writes an estate into the sandbox through its own ARM surface (so every invariant holds), with
 * faults paused meanwhile. `demo` is a realistic messy group, `contoso-prod`: a user-assigned
 * identity shared by four apps, hand-made grants (Contributor on the group, a key-exposing role),
 * orphaned assignments of a deleted identity, an unused identity, a developer user with Owner.
 */
export function loadEstate(sandbox: Sandbox, estate: 'demo' | EstateSize): EstateSummary {
  const faults = sandbox.faults()
  sandbox.setFaults({
    latency: { fixedMs: 0, jitterMs: 0 },
    throttle: { enabled: false },
    serverErrors: { rate: 0 },
    resets: { rate: 0 },
    forbiddenScopes: [],
    limits: { roleAssignments: 0 },
  })
  try {
    const w = writer(sandbox, ownerCaller(sandbox))
    return estate === 'demo' ? demo(w) : generated(w, estate)
  } finally {
    sandbox.setFaults(faults)
  }
}

const OWNER_GUID = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'

/**
 * Who writes the estate: with sign-in on, a principal holding Owner on the subscription (the core
 * takes the server-verified token's `oid`); without, any caller is allowed.
 */
function ownerCaller(sandbox: Sandbox): string {
  const owner = Object.values(sandbox.snapshot().roleAssignments).find(
    (a) => a.roleDefinitionGuid === OWNER_GUID && a.scope.toLowerCase() === `/subscriptions/${SUB}`,
  )
  if (!owner) return 'Bearer estate'
  return `Bearer e30.${btoa(JSON.stringify({ oid: owner.principalId }))
    .replace(/=+$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_')}.`
}

interface Writer {
  put(url: string, body: object, apiVersion: string): Record<string, unknown>
  del(url: string, apiVersion: string): void
  grant(
    scope: string,
    role: string,
    principalId: string,
    type: 'ServicePrincipal' | 'User' | 'Group',
  ): void
  count(): number
}

function writer(sandbox: Sandbox, authorization: string): Writer {
  let assignments = 0
  const send = (method: string, url: string, apiVersion: string, body?: object) => {
    const outcome = sandbox.handle({
      method,
      url: `${url}?api-version=${apiVersion}`,
      headers: { authorization },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    if (outcome.kind !== 'response' || outcome.response.status >= 300)
      throw new Error(
        `estate: ${method} ${url} failed: ${outcome.kind === 'response' ? `${outcome.response.status} ${outcome.response.body ?? ''}` : 'reset'}`,
      )
    return outcome.response.body
      ? (JSON.parse(outcome.response.body) as Record<string, unknown>)
      : {}
  }
  return {
    put: (url, body, apiVersion) => send('PUT', url, apiVersion, body),
    del: (url, apiVersion) => void send('DELETE', url, apiVersion),
    grant(scope, role, principalId, principalType) {
      const name = uuidv5(`${scope}|${role}|${principalId}`, NAMESPACE)
      send(
        'PUT',
        `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
        '2022-04-01',
        {
          properties: { roleDefinitionId: role, principalId, principalType },
        },
      )
      assignments++
    },
    count: () => assignments,
  }
}

const identityOf = (w: Writer, rg: string, name: string): { id: string; principalId: string } => {
  const id = `${group(rg)}/providers/${IDENTITY_ARM_TYPE}/${name}`
  const made = w.put(id, { location: SANDBOX_LOCATION }, '2023-01-31')
  return { id, principalId: String((made.properties as Record<string, unknown>).principalId) }
}

function app(
  w: Writer,
  rg: string,
  type: string,
  name: string,
  kind: string | undefined,
  system: boolean,
  identities: readonly string[],
): { id: string; principalId?: string } {
  const id = `${group(rg)}/providers/${type}/${name}`
  const types = [
    system ? 'SystemAssigned' : '',
    identities.length > 0 ? 'UserAssigned' : '',
  ].filter(Boolean)
  const identity =
    types.length === 0
      ? undefined
      : {
          // Web spells the pair with a space, the common-types v3 enum without one.
          type: types.join(type === HOSTING_ARM_TYPES.appService ? ', ' : ','),
          ...(identities.length > 0
            ? { userAssignedIdentities: Object.fromEntries(identities.map((i) => [i, {}])) }
            : {}),
        }
  // What Azure never lacks (a Container App has a container): apply sets its settings there.
  const properties = defaultProperties(type, SANDBOX_TENANT_ID)
  const made = w.put(
    id,
    {
      location: SANDBOX_LOCATION,
      ...(kind ? { kind } : {}),
      ...(identity ? { identity } : {}),
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
    },
    '2023-12-01',
  )
  const principalId = (made.identity as { principalId?: string } | undefined)?.principalId
  return principalId ? { id, principalId } : { id }
}

const service = (w: Writer, rg: string, kind: ServiceKind, name: string): string => {
  const id = `${group(rg)}/providers/${SERVICE_ARM_TYPES[kind]}/${name}`
  // A vault written without enableRbacAuthorization uses access policies (ARM's default in the API
  // version written here): these vaults are granted with Azure RBAC, so they say so.
  const vault =
    kind === 'keyVault'
      ? { properties: { tenantId: SANDBOX_TENANT_ID, enableRbacAuthorization: true } }
      : {}
  // A type that holds several services says which by its kind (an Azure OpenAI account: `OpenAI`).
  const armKind = SERVICES[kind].armKinds?.[0]
  w.put(
    id,
    { location: SANDBOX_LOCATION, ...(armKind ? { kind: armKind } : {}), ...vault },
    '2023-05-01',
  )
  return id
}

function demo(w: Writer): EstateSummary {
  const rg = 'contoso-prod'
  w.put(group(rg), { location: SANDBOX_LOCATION }, '2021-04-01')
  const store = service(w, rg, 'storage', 'stcontosoprod')
  const vault = service(w, rg, 'keyVault', 'kv-contoso-prod')
  const bus = service(w, rg, 'serviceBus', 'sb-contoso-prod')
  service(w, rg, 'cosmosDb', 'cosmos-contoso-prod')
  const shared = identityOf(w, rg, 'mi-contoso-shared')
  const legacy = identityOf(w, rg, 'mi-legacy')
  identityOf(w, rg, 'mi-unused')
  const orders = app(w, rg, HOSTING_ARM_TYPES.appService, 'app-orders', 'app', true, [shared.id])
  app(w, rg, HOSTING_ARM_TYPES.functionApp, 'func-billing', 'functionapp', false, [shared.id])
  app(w, rg, HOSTING_ARM_TYPES.containerApp, 'ca-catalog', undefined, false, [shared.id])
  app(w, rg, HOSTING_ARM_TYPES.appService, 'app-admin', 'app', false, [shared.id, legacy.id])
  const reports = app(w, rg, HOSTING_ARM_TYPES.appService, 'app-reports', 'app', true, [])
  // The shared identity collects every team's needs: each app gets all of them.
  w.grant(store, roleId('Storage Blob Data Contributor'), shared.principalId, 'ServicePrincipal')
  w.grant(vault, roleId('Key Vault Secrets User'), shared.principalId, 'ServicePrincipal')
  w.grant(bus, roleId('Azure Service Bus Data Owner'), shared.principalId, 'ServicePrincipal')
  // Hand-made: Contributor on the whole group "to make it work", a key-exposing role.
  w.grant(group(rg), roleId('Contributor'), orders.principalId ?? '', 'ServicePrincipal')
  w.grant(
    store,
    roleId('Storage Account Contributor'),
    reports.principalId ?? '',
    'ServicePrincipal',
  )
  w.grant(store, roleId('Storage Blob Data Reader'), reports.principalId ?? '', 'ServicePrincipal')
  // A developer given Owner for a day, and the team's group on the storage account.
  w.grant(group(rg), roleId('Owner'), DEMO_OWNER_USER, 'User')
  w.grant(store, roleId('Storage Blob Data Contributor'), DEMO_TEAM_GROUP, 'Group')
  // An identity retired without cleaning up: its grants stay, orphaned (as ARM keeps them).
  w.grant(vault, roleId('Key Vault Secrets Officer'), legacy.principalId, 'ServicePrincipal')
  w.grant(store, roleId('Storage Queue Data Contributor'), legacy.principalId, 'ServicePrincipal')
  w.del(legacy.id, '2023-01-31')
  return { resourceGroup: rg, apps: 5, identities: 3, services: 4, assignments: w.count() }
}

/** A deterministic pseudo-random sequence (mulberry32) for generated estates. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function generated(w: Writer, size: EstateSize): EstateSummary {
  const rg = size.resourceGroup
  const next = random(size.seed ?? 1)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T
  w.put(group(rg), { location: SANDBOX_LOCATION }, '2021-04-01')
  const kinds = SERVICE_KINDS.filter((k) => k !== 'sql' && k !== 'cosmosDb')
  const services = Array.from({ length: Math.max(1, Math.round(size.apps / 5)) }, (_, i) => {
    const kind = kinds[i % kinds.length] as ServiceKind
    return { kind, id: service(w, rg, kind, `svc-${kind.toLowerCase()}-${i}`) }
  })
  const identities = Array.from({ length: size.identities }, (_, i) => identityOf(w, rg, `mi-${i}`))
  const principals: string[] = identities.map((i) => i.principalId)
  for (let i = 0; i < size.apps; i++) {
    const attached = identities.length > 0 && next() < 0.7 ? [pick(identities).id] : []
    const made = app(
      w,
      rg,
      HOSTING_ARM_TYPES.appService,
      `app-${i}`,
      'app',
      attached.length === 0 || next() < 0.3,
      attached,
    )
    if (made.principalId) principals.push(made.principalId)
  }
  const rolesFor = (kind: ServiceKind) =>
    ALL_ROLES.filter(
      (r) => r.grant === 'rbac' && r.id && r.plane === 'data' && r.services.includes(kind),
    )
  // At most one assignment per (service, role, principal), numbered service by service: past
  // that many, every one of them (a random pick could never find another, and never end).
  const roles = services.map((target) => rolesFor(target.kind))
  const ends: number[] = []
  for (const list of roles) ends.push((ends.at(-1) ?? 0) + list.length * principals.length)
  const possible = ends.at(-1) ?? 0
  /** The first service whose numbers reach past `k`. */
  const serviceOf = (k: number): number => {
    let lo = 0
    let hi = ends.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((ends[mid] as number) > k) hi = mid
      else lo = mid + 1
    }
    return lo
  }
  const grant = (k: number): void => {
    const s = serviceOf(k)
    const within = k - (s > 0 ? (ends[s - 1] as number) : 0)
    const role = (roles[s] as RoleFact[])[Math.floor(within / principals.length)] as RoleFact
    const principal = principals[within % principals.length] as string
    w.grant((services[s] as { id: string }).id, roleId(role.name), principal, 'ServicePrincipal')
  }
  const made = Math.min(size.assignments, possible)
  if (made === possible) for (let k = 0; k < possible; k++) grant(k)
  else {
    const seen = new Set<number>()
    while (seen.size < made) {
      const k = Math.floor(next() * possible)
      if (seen.has(k)) continue
      seen.add(k)
      grant(k)
    }
  }
  return {
    resourceGroup: rg,
    apps: size.apps,
    identities: size.identities,
    services: services.length,
    assignments: made,
  }
}

/**
 * `{"name":"demo"}` or a generated size, within bounds a test or demo needs; else what is wrong
 * (a Result: "demo" is a value, not a message).
 */
export function parseEstate(value: unknown): Result<'demo' | EstateSize, string> {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  if (v.name === 'demo') return ok('demo')
  const count = (key: string, max: number): number | string =>
    Number.isInteger(v[key]) && (v[key] as number) >= 0 && (v[key] as number) <= max
      ? (v[key] as number)
      : `${key} must be a whole number from 0 to ${max}`
  if (typeof v.resourceGroup !== 'string' || resourceGroupNameProblem(v.resourceGroup))
    return err(
      'give {"name":"demo"}, or a valid resourceGroup with apps, identities and assignments',
    )
  const apps = count('apps', 20_000)
  const identities = count('identities', 5_000)
  const assignments = count('assignments', 50_000)
  for (const n of [apps, identities, assignments]) if (typeof n === 'string') return err(n)
  return ok({
    resourceGroup: v.resourceGroup,
    apps: apps as number,
    identities: identities as number,
    assignments: assignments as number,
    ...(Number.isInteger(v.seed) ? { seed: v.seed as number } : {}),
  })
}
