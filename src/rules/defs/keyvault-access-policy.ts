import type { RoleRef } from '../../catalog/roles.ts'
import { createRule } from '../rule.ts'
import { messageQuote } from '../../lib/encode/message.ts'

const isVaultDataRole = (role: RoleRef): boolean =>
  role.kind === 'builtin' && role.fact.plane === 'data' && role.fact.services.includes('keyVault')

export const keyvaultAccessPolicy = createRule({
  meta: {
    id: 'keyvault-access-policy',
    severity: 'warning',
    subject: 'service',
    scope: 'component',
    description:
      'A Key Vault using the access policy permission model is accessed with Key Vault data roles, which would not take effect.',
    hasFixes: true,
    messages: {
      accessPolicy:
        'Key Vault {vault} uses access policies, so the Key Vault data roles granted on it ({roles}) would not take effect as role assignments: the plan grants their access policy equivalent instead; switch it to the Azure RBAC permission model.',
    },
    learnMore: 'https://learn.microsoft.com/azure/key-vault/general/rbac-migration',
  },
  create({ index, label, report }) {
    const vaultData = index.roleTable.where(isVaultDataRole)
    return {
      service(vault, n) {
        if (vault.service !== 'keyVault' || vault.permissionModel !== 'accessPolicy') return
        const edges: string[] = []
        const roles = new Set<string>()
        for (const at of index.edgesTo(n)) {
          if (!index.anyRole(at, vaultData)) continue
          edges.push(index.accessEdge(at).id)
          for (const ref of index.roles(at))
            if (ref.kind === 'builtin' && isVaultDataRole(ref)) roles.add(ref.fact.name)
        }
        if (edges.length === 0) return
        report({
          subject: vault.id,
          messageId: 'accessPolicy',
          data: {
            vault: label(vault.id),
            roles: [...roles].map(messageQuote).join(', '),
          },
          related: edges,
          fix: (fixer) => [
            {
              title: `Switch ${fixer.label(vault.id)} to the Azure RBAC permission model (its access policies stop working)`,
              edits: [{ type: 'updateNode', id: vault.id, set: { permissionModel: 'rbac' } }],
            },
          ],
        })
      },
    }
  },
})
