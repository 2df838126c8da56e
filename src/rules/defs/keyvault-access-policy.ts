import type { RoleRef } from '../../catalog/roles.ts'
import { defineRule, formatMessage, type RuleMeta } from '../types.ts'

const meta = {
  id: 'keyvault-access-policy',
  severity: 'warning',
  subject: 'service',
  description:
    'A Key Vault using the access policy permission model is accessed with Key Vault data roles, which would not take effect.',
  hasFixes: true,
  messages: {
    accessPolicy:
      'Key Vault {vault} uses access policies, so the Key Vault data roles granted on it ({roles}) would not take effect: switch it to the Azure RBAC permission model.',
  },
  learnMore: 'https://learn.microsoft.com/azure/key-vault/general/rbac-migration',
} as const satisfies RuleMeta

const isVaultDataRole = (role: RoleRef): boolean =>
  role.kind === 'builtin' && role.fact.plane === 'data' && role.fact.services.includes('keyVault')

export const keyvaultAccessPolicy = defineRule({
  meta,
  check({ index, facts, report }) {
    const edgesOf = new Map<string, string[]>()
    const rolesOf = new Map<string, Set<string>>()
    for (const edge of index.accessEdges) {
      const node = index.node(edge.target)
      if (
        node?.kind !== 'service' ||
        node.service !== 'keyVault' ||
        node.permissionModel !== 'accessPolicy'
      )
        continue
      const roles = index
        .rolesOf(edge.id)
        .flatMap((r) => (isVaultDataRole(r) && r.kind === 'builtin' ? [r.fact.name] : []))
      if (roles.length === 0) continue
      const edges = edgesOf.get(node.id) ?? []
      edges.push(edge.id)
      edgesOf.set(node.id, edges)
      const names = rolesOf.get(node.id) ?? new Set()
      for (const r of roles) names.add(r)
      rolesOf.set(node.id, names)
    }
    for (const [vault, edges] of edgesOf) {
      report({
        subject: vault,
        message: formatMessage(meta.messages.accessPolicy, {
          vault: facts.label(vault),
          roles: [...(rolesOf.get(vault) ?? [])].map((r) => JSON.stringify(r)).join(', '),
        }),
        related: edges,
        fixes: [
          {
            title: `Switch ${facts.label(vault)} to the Azure RBAC permission model (its access policies stop working)`,
            edits: [{ type: 'updateNode', id: vault, set: { permissionModel: 'rbac' } }],
          },
        ],
      })
    }
  },
})
