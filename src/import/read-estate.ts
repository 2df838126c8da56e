import { isArmFailure } from '../apply/failure.ts'
import type { LiveCosmosRoleAssignment, LiveRoleAssignment } from '../apply/gateway.ts'
import { roleByGuid } from '../catalog/roles.ts'
import { SERVICES } from '../catalog/services.ts'
import { SERVICE_ARM_TYPES } from '../model/bindings.ts'
import { mapPool } from '../lib/pool.ts'
import { resourceGroupScope, roleDefinitionGuidOf } from '../plan/arm-ids.ts'
import type { Estate, EstateReader, Unreadable } from './estate.ts'

export interface ReadProgress {
  readonly done: number
  readonly total: number
  readonly label: string
}

export interface ReadOptions {
  readonly signal?: AbortSignal
  readonly onProgress?: (progress: ReadProgress) => void
  /** Calls in flight at once for per-resource reads (Cosmos DB accounts, scopes, roles). */
  readonly concurrency?: number
}

const COSMOS = SERVICE_ARM_TYPES.cosmosDb.toLowerCase()
const VAULT = SERVICE_ARM_TYPES.keyVault.toLowerCase()

/**
 * Reads one resource group through ARM (PRODUCT.md §12): its resources with their `identity`, its
 * user-assigned identities, every role assignment at, above and below it, the names of custom
 * roles, Cosmos DB data-plane assignments, and each Key Vault's permission model. The group's resource list is required (a failure
 * there throws); anything else that cannot be read — a 403 on one scope — is noted in
 * `unreadable` and the rest is still read. A group-wide assignment list that is refused falls back
 * to one list per resource.
 */
export async function readEstate(
  reader: EstateReader,
  subscriptionId: string,
  resourceGroup: string,
  options: ReadOptions = {},
): Promise<Estate> {
  const o = options.signal ? { signal: options.signal } : {}
  const limit = options.concurrency ?? 8
  const unreadable: Unreadable[] = []
  let done = 0
  let total = 3
  const step = (label: string): void => options.onProgress?.({ done: ++done, total, label })
  /** A read that may be refused: its failure noted, undefined returned. */
  const tolerate = async <T>(what: string, scope: string, read: () => Promise<T>) => {
    try {
      return await read()
    } catch (e) {
      if (!isArmFailure(e)) throw e
      unreadable.push({ what, scope, code: e.code, message: e.message })
      return undefined
    }
  }
  const groupScope = resourceGroupScope(subscriptionId, resourceGroup)

  const resources = await reader.listResources(subscriptionId, resourceGroup, o)
  // What is to read is counted as soon as it is known, before the step that finds it is told:
  // a count never reads "3 of 3" with reads still to come.
  const accounts = resources.filter((r) => r.type.toLowerCase() === COSMOS)
  // A vault's permission model is in its properties, which the group's resource list leaves out.
  const vaults = resources.filter((r) => r.type.toLowerCase() === VAULT)
  total += accounts.length + vaults.length
  step(`${resources.length} resources`)
  const identities = [
    ...((await tolerate('user-assigned identities', groupScope, () =>
      reader.listUserIdentities(subscriptionId, resourceGroup, o),
    )) ?? []),
  ]
  // Identities the apps attach from elsewhere: read each (its principal), or find it deleted.
  // One read per identity, whatever casing each app's key has: providers echo the key as written,
  // some lower-case `resourcegroups` themselves (Azure/azure-rest-api-specs#17038, IoT Hub;
  // Azure/azure-cli#27099, Microsoft.ManagedIdentity's own ids), and ARM ids are case-insensitive.
  const own = new Set(identities.map((i) => i.id.toLowerCase()))
  const foreignByKey = new Map<string, string>()
  for (const r of resources)
    for (const id of Object.keys(r.identity?.userAssignedIdentities ?? {}))
      if (!own.has(id.toLowerCase()) && !foreignByKey.has(id.toLowerCase()))
        foreignByKey.set(id.toLowerCase(), id)
  const foreign = [...foreignByKey.values()]
  const dangling: string[] = []
  await mapPool(foreign, limit, async (id) => {
    const found = await tolerate('user-assigned identity', id, () => reader.getUserIdentity(id, o))
    if (found) identities.push(found)
    else if (found === undefined && !unreadable.some((u) => u.scope === id)) dangling.push(id)
  })
  step(`${identities.length} user-assigned identities`)

  let assignments = await tolerate('role assignments', groupScope, () =>
    reader.listScopeAssignments(groupScope, o),
  )
  if (!assignments) {
    // Refused for the group: per resource, what the caller may read.
    total += resources.length
    const perResource = await mapPool(resources, limit, async (r) => {
      const found = await tolerate('role assignments', r.id, () =>
        reader.listScopeAssignments(r.id, o),
      )
      step(`role assignments of ${r.name}`)
      return found ?? []
    })
    assignments = perResource.flat()
  }
  const distinct = uniqueById(assignments)
  const customGuids = [
    ...new Set(distinct.map((a) => roleDefinitionGuidOf(a.roleDefinitionId).toLowerCase())),
  ].filter((guid) => !roleByGuid(guid))
  total += customGuids.length
  step(`${distinct.length} role assignments`)

  const cosmos: Record<string, readonly LiveCosmosRoleAssignment[]> = {}
  await mapPool(accounts, limit, async (account) => {
    const found = await tolerate('Cosmos DB data-plane role assignments', account.id, () =>
      reader.listCosmosRoleAssignments(account.id, o),
    )
    if (found) cosmos[account.id] = found
    step(`Cosmos DB data roles of ${account.name}`)
  })
  const accessPolicyVaults: Record<string, number> = {}
  await mapPool(vaults, limit, async (vault) => {
    const read = await tolerate('Key Vault permission model', vault.id, () =>
      reader.getResource(vault.id, SERVICES.keyVault.apiVersion, o),
    )
    const p = (read?.document?.properties ?? {}) as {
      enableRbacAuthorization?: boolean
      accessPolicies?: readonly unknown[]
    }
    if (read && p.enableRbacAuthorization !== true)
      accessPolicyVaults[vault.id] = p.accessPolicies?.length ?? 0
    step(`permission model of ${vault.name}`)
  })
  const roleNames: Record<string, string> = {}
  await mapPool(customGuids, limit, async (guid) => {
    const definition = await tolerate('role definition', guid, () =>
      reader.getRoleDefinition(groupScope, guid, o),
    )
    if (definition) roleNames[guid] = definition.roleName
    step(`role definition ${definition?.roleName ?? guid}`)
  })
  return {
    subscriptionId,
    resourceGroup,
    resources,
    identities,
    danglingIdentities: dangling.sort(),
    assignments: distinct,
    roleNames,
    cosmos,
    accessPolicyVaults,
    unreadable,
  }
}

function uniqueById(items: readonly LiveRoleAssignment[]): LiveRoleAssignment[] {
  const seen = new Set<string>()
  return items.filter((a) => {
    const key = a.id.toLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
