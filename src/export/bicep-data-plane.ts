import { roleAssignmentName } from '../plan/arm-ids.ts'
import type { PlanPrincipal } from '../plan/types.ts'
import { typeWithVersion } from './api-versions.ts'
import { bicepComment, bicepCommentedOut, bicepString } from '../lib/encode/bicep.ts'
import { inDeploymentGroup } from './bicep-syntax.ts'
import type { ExportModel } from './model.ts'
import { grantLabel, serviceIdOf } from './shared.ts'
import type { SymbolTable } from './symbols.ts'

/** A principal's id and key expressions, and its id when the export knows it. */
type PrincipalOf = (p: PlanPrincipal) => { id: string; key: string; known: string | undefined }

const list = (items: readonly string[]): string => `[${items.map(bicepString).join(', ')}]`

/**
 * Grants that are not Azure role assignments and have an ARM resource: Key Vault access policies
 * (one `accessPolicies/add` per vault: ARM takes one resource of that name per vault, and `add`
 * merges into each holder's entry, never replacing the others) and Azure Cache for Redis access
 * policy assignments (one cache's one after the other, as apply writes them).
 */
export function dataPlaneGrants(
  model: ExportModel,
  sym: (node: string) => string,
  symbols: SymbolTable,
  principal: PrincipalOf,
): string[] {
  const out: string[] = []
  // Symbols and comments follow the nodes' current names.
  const name = (node: string): string => model.names[node] ?? node
  const deployable = (node: string) =>
    inDeploymentGroup(model.services.find((s) => s.node === node)?.resourceId, model.context)
  const guard = (node: string, block: string[]): string[] =>
    deployable(node) ? block : bicepCommentedOut(block)
  const vaults = [...new Set(model.vaultPolicies.map((p) => p.target))]
  if (vaults.length > 0)
    out.push('', bicepComment('Key Vault access policies (vaults using the access policy model)'))
  for (const vault of vaults) {
    const entries = model.vaultPolicies
      .filter((p) => p.target === vault)
      .flatMap((p) => [
        '      {',
        `        ${bicepComment(grantLabel(model, p, p.roles.join(', ')))}`,
        '        tenantId: subscription().tenantId',
        `        objectId: ${principal(p.principal).id}`,
        '        permissions: {',
        `          keys: ${list(p.permissions.keys)}`,
        `          secrets: ${list(p.permissions.secrets)}`,
        `          certificates: ${list(p.permissions.certificates)}`,
        '        }',
        '      }',
      ])
    out.push(
      '',
      ...guard(vault, [
        `resource ${symbols.name(`policies:${vault}`, `${name(vault)} access policies`)} ${bicepString(typeWithVersion('Microsoft.KeyVault/vaults/accessPolicies'))} = {`,
        `  parent: ${sym(vault)}`,
        "  name: 'add'",
        '  properties: {',
        '    accessPolicies: [',
        ...entries,
        '    ]',
        '  }',
        '}',
      ]),
    )
  }
  if (model.redisAssignments.length > 0)
    out.push(
      '',
      bicepComment('Azure Cache for Redis data access policy assignments (not Azure RBAC)'),
    )
  const lastOnCache = new Map<string, string>()
  for (const a of model.redisAssignments) {
    const cache = sym(a.target)
    const p = principal(a.principal)
    const cacheId = serviceIdOf(model, a.target)
    const assignmentName =
      p.known && cacheId
        ? bicepString(roleAssignmentName(cacheId, p.known, a.accessPolicyName))
        : `guid(${cache}.id, ${p.key}, ${bicepString(a.accessPolicyName)})`
    const symbol = symbols.name(
      `redis:${a.principal.type}:${a.principal.node}:${a.target}:${a.accessPolicyName}`,
      `${name(a.principal.node)} ${name(a.target)} ${a.accessPolicyName}`,
    )
    const before = lastOnCache.get(a.target)
    lastOnCache.set(a.target, symbol)
    out.push(
      '',
      bicepComment(grantLabel(model, a, a.accessPolicyName)),
      ...guard(a.target, [
        `resource ${symbol} ${bicepString(typeWithVersion('Microsoft.Cache/redis/accessPolicyAssignments'))} = {`,
        `  parent: ${cache}`,
        `  name: ${assignmentName}`,
        '  properties: {',
        `    accessPolicyName: ${bicepString(a.accessPolicyName)}`,
        `    objectId: ${p.id}`,
        `    objectIdAlias: ${bicepString(a.principal.node)}`,
        '  }',
        ...(before ? [`  dependsOn: [${before}]`] : []),
        '}',
      ]),
    )
  }
  return out
}
