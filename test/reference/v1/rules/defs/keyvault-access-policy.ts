import type { RoleRef } from '@/catalog/roles.ts'
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
      'Key Vault {vault} uses access policies, so the Key Vault data roles granted on it ({roles}) would not take effect as role assignments: the plan grants their access policy equivalent instead; switch it to the Azure RBAC permission model.',
  },
  learnMore: 'https://learn.microsoft.com/azure/key-vault/general/rbac-migration',
} as const satisfies RuleMeta

const isVaultDataRole = (role: RoleRef): boolean =>
  role.kind === 'builtin' && role.fact.plane === 'data' && role.fact.services.includes('keyVault')

export const keyvaultAccessPolicy = defineRule({
  meta,
  check({ facts, report }) {
    const found = new Map<string, { edges: string[]; roles: Set<string> }>()
    for (const { edge, service, refs } of facts.flagged('vaultData')) {
      if (service?.service !== 'keyVault' || service.permissionModel !== 'accessPolicy') continue
      const entry = found.get(service.id) ?? { edges: [], roles: new Set() }
      found.set(service.id, entry)
      entry.edges.push(edge.id)
      for (const ref of refs)
        if (isVaultDataRole(ref) && ref.kind === 'builtin') entry.roles.add(ref.fact.name)
    }
    for (const [vault, { edges, roles }] of found) {
      report({
        subject: vault,
        message: formatMessage(meta.messages.accessPolicy, {
          vault: facts.label(vault),
          roles: [...roles].map((r) => JSON.stringify(r)).join(', '),
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
