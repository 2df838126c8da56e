import type { AccessPolicyPermissions } from '../catalog/key-vault-access.ts'
import type { PlanPrincipal } from '../plan/types.ts'
import { hclComment, hclString, hclTemplate } from '../lib/encode/hcl.ts'
import { hclBlock } from './hcl.ts'
import type { ExportModel } from './model.ts'
import { grantLabel } from './shared.ts'
import type { SymbolTable } from './symbols.ts'

/**
 * The azurerm spelling of each access policy permission: the provider validates these values
 * and has no `all`, so `all` is every permission of its kind.
 */
const AZURERM: Readonly<Record<keyof AccessPolicyPermissions, readonly string[]>> = {
  keys: [
    'Backup',
    'Create',
    'Decrypt',
    'Delete',
    'Encrypt',
    'Get',
    'Import',
    'List',
    'Purge',
    'Recover',
    'Restore',
    'Sign',
    'UnwrapKey',
    'Update',
    'Verify',
    'WrapKey',
    'Release',
    'Rotate',
    'GetRotationPolicy',
    'SetRotationPolicy',
  ],
  secrets: ['Backup', 'Delete', 'Get', 'List', 'Purge', 'Recover', 'Restore', 'Set'],
  certificates: [
    'Backup',
    'Create',
    'Delete',
    'DeleteIssuers',
    'Get',
    'GetIssuers',
    'Import',
    'List',
    'ListIssuers',
    'ManageContacts',
    'ManageIssuers',
    'Purge',
    'Recover',
    'Restore',
    'SetIssuers',
    'Update',
  ],
}

function azurermPermissions(
  kind: keyof AccessPolicyPermissions,
  values: readonly string[],
): string {
  const spelled = values.includes('all')
    ? AZURERM[kind]
    : values.map((v) => AZURERM[kind].find((a) => a.toLowerCase() === v.toLowerCase()) ?? v)
  return `[${spelled.map(hclString).join(', ')}]`
}

/**
 * Key Vault access policies (`azurerm_key_vault_access_policy`, one per principal and vault: the
 * provider adds and removes that holder's entry only) and Azure Cache for Redis access policy
 * assignments (`azurerm_redis_cache_access_policy_assignment`, one cache's one after the other).
 */
export function terraformDataPlane(
  model: ExportModel,
  symbols: SymbolTable,
  principalOf: (p: PlanPrincipal) => string,
  serviceId: (node: string) => string,
): string[] {
  const out: string[] = []
  // Symbols follow the nodes' current names.
  const name = (node: string): string => model.names[node] ?? node
  for (const p of model.vaultPolicies)
    out.push(
      '',
      hclComment(grantLabel(model, p, `${p.roles.join(', ')} (vault access policy)`)),
      ...hclBlock(
        `resource "azurerm_key_vault_access_policy" "${symbols.name(`policy:${p.principal.type}:${p.principal.node}:${p.target}`, `${name(p.principal.node)} ${name(p.target)} access policy`)}"`,
        [
          `key_vault_id = ${serviceId(p.target)}`,
          'tenant_id = data.azurerm_subscription.current.tenant_id',
          `object_id = ${principalOf(p.principal)}`,
          ...(['keys', 'secrets', 'certificates'] as const)
            .filter((k) => p.permissions[k].length > 0)
            .map(
              (k) =>
                `${k === 'keys' ? 'key' : k === 'secrets' ? 'secret' : 'certificate'}_permissions = ${azurermPermissions(k, p.permissions[k])}`,
            ),
        ],
      ),
    )
  const lastOnCache = new Map<string, string>()
  for (const a of model.redisAssignments) {
    const symbol = symbols.name(
      `redis:${a.principal.type}:${a.principal.node}:${a.target}:${a.accessPolicyName}`,
      `${name(a.principal.node)} ${name(a.target)} ${a.accessPolicyName}`,
    )
    const before = lastOnCache.get(a.target)
    lastOnCache.set(a.target, symbol)
    out.push(
      '',
      hclComment(grantLabel(model, a, `${a.accessPolicyName} (Redis access policy)`)),
      ...hclBlock(`resource "azurerm_redis_cache_access_policy_assignment" "${symbol}"`, [
        `name = uuidv5(local.assignment_namespace, lower(${hclTemplate({ ref: serviceId(a.target) }, '|', { ref: principalOf(a.principal) }, `|${a.accessPolicyName}`)}))`,
        `redis_cache_id = ${serviceId(a.target)}`,
        `access_policy_name = ${hclString(a.accessPolicyName)}`,
        `object_id = ${principalOf(a.principal)}`,
        `object_id_alias = ${hclString(a.principal.node)}`,
        ...(before
          ? [`depends_on = [azurerm_redis_cache_access_policy_assignment.${before}]`]
          : []),
      ]),
    )
  }
  return out
}
