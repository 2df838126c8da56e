import { changed, type Ctx, json } from './context.ts'
import {
  armError,
  invalidRequestContent,
  methodNotAllowed,
  parentResourceNotFound,
} from './errors.ts'
import { genericResourceId, GUID } from './ids.ts'
import { jsonBody } from './request.ts'
import { findResource } from './resource-store.ts'
import type { Address } from './resources.ts'
import type { Json, JsonObject, SandboxResponse } from './types.ts'

export const VAULT_TYPE = 'Microsoft.KeyVault/vaults'
export const VAULT_ACCESS_POLICIES = 'microsoft.keyvault/vaults/accesspolicies'

/** Permission values of an access policy entry (Microsoft.KeyVault `Permissions`). */
const ALLOWED: Readonly<Record<'keys' | 'secrets' | 'certificates', readonly string[]>> = {
  keys: [
    'all',
    'encrypt',
    'decrypt',
    'wrapkey',
    'unwrapkey',
    'sign',
    'verify',
    'get',
    'list',
    'create',
    'update',
    'import',
    'delete',
    'backup',
    'restore',
    'recover',
    'purge',
    'release',
    'rotate',
    'getrotationpolicy',
    'setrotationpolicy',
  ],
  secrets: ['all', 'get', 'list', 'set', 'delete', 'backup', 'restore', 'recover', 'purge'],
  certificates: [
    'all',
    'get',
    'list',
    'delete',
    'create',
    'import',
    'update',
    'managecontacts',
    'getissuers',
    'listissuers',
    'setissuers',
    'deleteissuers',
    'manageissuers',
    'recover',
    'purge',
    'backup',
    'restore',
  ],
}
const KINDS = ['keys', 'secrets', 'certificates'] as const

interface Entry {
  tenantId: string
  objectId: string
  permissions: Record<(typeof KINDS)[number], string[]>
}

function readEntries(value: Json | undefined): Entry[] | string {
  if (!Array.isArray(value)) return 'properties.accessPolicies must be an array.'
  const out: Entry[] = []
  for (const item of value) {
    if (!item || typeof item !== 'object' || Array.isArray(item))
      return 'Each access policy must be an object.'
    const { tenantId, objectId, permissions } = item
    if (typeof tenantId !== 'string' || !GUID.test(tenantId))
      return `Invalid tenantId '${String(tenantId)}'.`
    if (typeof objectId !== 'string' || objectId === '')
      return 'An access policy needs an objectId.'
    if (!permissions || typeof permissions !== 'object' || Array.isArray(permissions))
      return 'An access policy needs permissions.'
    const entry: Entry = {
      tenantId,
      objectId,
      permissions: { keys: [], secrets: [], certificates: [] },
    }
    for (const kind of KINDS) {
      const list = permissions[kind] ?? []
      if (!Array.isArray(list)) return `permissions.${kind} must be an array.`
      for (const p of list) {
        if (typeof p !== 'string' || !ALLOWED[kind].includes(p.toLowerCase()))
          return `The permission '${String(p)}' is not a valid ${kind} permission.`
        entry.permissions[kind].push(p)
      }
    }
    out.push(entry)
  }
  return out
}

const sameHolder = (a: JsonObject, b: Entry): boolean =>
  a.tenantId === b.tenantId &&
  typeof a.objectId === 'string' &&
  a.objectId.toLowerCase() === b.objectId.toLowerCase()

function union(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Map(a.map((p) => [p.toLowerCase(), p]))
  for (const p of b) if (!seen.has(p.toLowerCase())) seen.set(p.toLowerCase(), p)
  return [...seen.values()]
}

/**
 * `PUT {vault}/accessPolicies/{add|replace|remove}` (Vaults_UpdateAccessPolicy): `add` merges the
 * given permissions into the holder's entry (or adds one), `replace` sets the holder's entry,
 * `remove` takes permissions away; other holders' entries are never touched.
 */
export function vaultAccessPolicies(ctx: Ctx, at: Address): SandboxResponse {
  const [vaultName = '', operation = ''] = at.name.split('/')
  const vault = findResource(
    ctx.state,
    genericResourceId(at.subscriptionId, at.resourceGroup, VAULT_TYPE, vaultName),
  )
  if (!vault) return parentResourceNotFound(vaultName)
  if (ctx.request.method !== 'PUT') return methodNotAllowed(ctx.request.method)
  const kind = operation.toLowerCase()
  if (kind !== 'add' && kind !== 'replace' && kind !== 'remove')
    return armError(
      400,
      'BadRequest',
      `The access policy update kind '${operation}' is not one of add, replace, remove.`,
    )
  const body = jsonBody(ctx.request)
  if (!body.ok) return invalidRequestContent(body.error)
  const props = body.value.properties
  const given = readEntries(
    props && typeof props === 'object' && !Array.isArray(props) ? props.accessPolicies : undefined,
  )
  if (typeof given === 'string') return armError(400, 'BadRequest', given)
  const current = (
    Array.isArray(vault.properties.accessPolicies) ? vault.properties.accessPolicies : []
  ) as JsonObject[]
  let next = [...current]
  for (const entry of given) {
    const i = next.findIndex((e) => sameHolder(e, entry))
    const have = (i >= 0 ? (next[i]?.permissions as Record<string, string[]>) : undefined) ?? {}
    const permissions = Object.fromEntries(
      KINDS.map((k) => {
        const h = have[k] ?? []
        const w = entry.permissions[k]
        if (kind === 'replace') return [k, w]
        if (kind === 'add') return [k, union(h, w)]
        return [k, h.filter((p) => !w.some((x) => x.toLowerCase() === p.toLowerCase()))]
      }),
    )
    const updated: JsonObject = { tenantId: entry.tenantId, objectId: entry.objectId, permissions }
    if (i >= 0) next[i] = updated
    else if (kind !== 'remove') next.push(updated)
  }
  next = next.filter((e) =>
    KINDS.some((k) => ((e.permissions as Record<string, string[]>)[k] ?? []).length > 0),
  )
  vault.properties.accessPolicies = next
  changed(ctx)
  return json(200, {
    id: `${vault.id}/accessPolicies/${kind}`,
    name: kind,
    type: 'Microsoft.KeyVault/vaults/accessPolicies',
    properties: {
      accessPolicies: given.map((e) => ({
        tenantId: e.tenantId,
        objectId: e.objectId,
        permissions: e.permissions,
      })),
    },
  })
}
