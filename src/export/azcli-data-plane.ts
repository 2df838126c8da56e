import type { PlanPrincipal } from '../plan/types.ts'
import type { ExportModel } from './model.ts'
import { shellComment, shellWord } from '../lib/encode/shell.ts'
import { resourceGroupOf, subscriptionOf } from './shell.ts'
import { grantLabel } from './shared.ts'

/**
 * Key Vault access policies through `accessPolicies/add` (az rest: it merges into the holder's
 * entry and never replaces anyone's) and Azure Cache for Redis access policy assignments (named as
 * apply names them; az waits for each).
 */
export function dataPlaneCommands(
  model: ExportModel,
  serviceVar: ReadonlyMap<string, string>,
  principal: (p: PlanPrincipal) => string,
): string[] {
  const out: string[] = []
  if (model.vaultPolicies.length > 0)
    out.push(
      '',
      '# Key Vault access policies (vaults using the access policy model): added, never replaced',
      'TENANT_ID=$(az account show --query tenantId --output tsv)',
    )
  for (const p of model.vaultPolicies) {
    // printf fills in the tenant and the principal; the permissions are the catalog's words.
    const body = JSON.stringify({
      properties: {
        accessPolicies: [
          {
            tenantId: '%s',
            objectId: '%s',
            permissions: {
              keys: p.permissions.keys,
              secrets: p.permissions.secrets,
              certificates: p.permissions.certificates,
            },
          },
        ],
      },
    })
    out.push(
      shellComment(grantLabel(model, p, p.roles.join(', '))),
      // A URL without a host is taken as a resource id on the current cloud's ARM endpoint
      // (azure-cli's rest/_params.py): sovereign clouds work too.
      `az rest --method put --url="$${serviceVar.get(p.target)}/accessPolicies/add?api-version=2023-07-01" --body="$(printf ${shellWord(body)} "$TENANT_ID" "$${principal(p.principal)}")" --output none`,
    )
  }
  if (model.redisAssignments.length > 0)
    out.push('', '# Azure Cache for Redis data access policy assignments (not Azure RBAC)')
  for (const a of model.redisAssignments) {
    const cacheVar = serviceVar.get(a.target) as string
    const cache = `"$${cacheVar}"`
    const who = `"$${principal(a.principal)}"`
    out.push(
      shellComment(grantLabel(model, a, a.accessPolicyName)),
      resourceGroupOf('cache_group', cacheVar),
      subscriptionOf('cache_subscription', cacheVar),
      // azure-cli's options (redis/_params.py): -n/--name is the cache, the assignment's own
      // name is --policy-assignment-name.
      `az redis access-policy-assignment create --name="$\{${cacheVar}##*/}" --resource-group="$cache_group" --subscription="$cache_subscription" --policy-assignment-name="$(assignment_name ${cache} ${who} ${shellWord(a.accessPolicyName)})" --access-policy-name=${shellWord(a.accessPolicyName)} --object-id ${who} --object-id-alias=${shellWord(a.principal.node)} --output none`,
    )
  }
  return out
}
