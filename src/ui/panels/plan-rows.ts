import { GRANT_COUNT_LABELS } from '../../analysis/grant-counts.ts'
import { assertNever } from '../../lib/assert.ts'
import type { Design } from '../../model/types.ts'
import type { Plan, PlanAction, PlanActionKind, PlanPrincipal } from '../../plan/types.ts'

export interface PlanRow {
  readonly key: string
  readonly kind: PlanActionKind
  readonly kindLabel: string
  readonly principal: string
  readonly role: string
  readonly target: string
  readonly scope: string
}

export const ACTION_LABEL: Record<PlanActionKind, string> = {
  createIdentity: 'Create identity',
  enableSystemAssigned: 'Enable system-assigned',
  attachIdentity: 'Attach identity',
  assignRole: 'Role assignment',
  assignCosmosDataRole: 'Cosmos DB data role',
  sqlContainedUser: 'SQL contained user',
  keyVaultAccessPolicy: 'Key Vault access policy',
  redisAccessPolicy: 'Redis access policy',
  databaseUser: 'Database user',
  setAppSettings: 'App settings',
}

/** How the plan summary counts each kind of action: singular and plural, as a sentence would. */
export const SUMMARY_LABEL: Record<PlanActionKind, readonly [string, string]> = {
  createIdentity: ['identity to create', 'identities to create'],
  enableSystemAssigned: [
    'system-assigned identity to turn on',
    'system-assigned identities to turn on',
  ],
  attachIdentity: ['identity to attach', 'identities to attach'],
  assignRole: GRANT_COUNT_LABELS.azureRoleAssignments,
  assignCosmosDataRole: ['Cosmos DB data-plane grant', 'Cosmos DB data-plane grants'],
  sqlContainedUser: ['SQL contained user', 'SQL contained users'],
  keyVaultAccessPolicy: ['Key Vault access policy', 'Key Vault access policies'],
  redisAccessPolicy: ['Redis access policy assignment', 'Redis access policy assignments'],
  databaseUser: ['database user', 'database users'],
  setAppSettings: ['app with client-ID settings', 'apps with client-ID settings'],
}

const SCOPE_LABEL: Record<string, string> = {
  resource: 'Resource',
  resourceGroup: 'Resource group',
  subscription: 'Subscription',
}

/** The plan's actions as table rows, with node ids shown as the names users gave them. */
export function planRows(plan: Plan, design: Design): PlanRow[] {
  const names = new Map(design.nodes.map((n) => [n.id, n.name]))
  const name = (id: string): string => names.get(id) ?? id
  const who = (p: PlanPrincipal): string =>
    p.type === 'systemAssigned' ? `${name(p.node)} (system-assigned)` : name(p.node)
  return plan.actions.map((action: PlanAction, i): PlanRow => {
    const base = { key: `${i}`, kind: action.action, kindLabel: ACTION_LABEL[action.action] }
    switch (action.action) {
      case 'createIdentity':
        return { ...base, principal: action.name, role: '—', target: '—', scope: '—' }
      case 'enableSystemAssigned':
        return {
          ...base,
          principal: `${name(action.node)} (system-assigned)`,
          role: '—',
          target: name(action.node),
          scope: '—',
        }
      case 'attachIdentity':
        return {
          ...base,
          principal: name(action.identity),
          role: '—',
          target: name(action.app),
          scope: '—',
        }
      case 'assignRole':
      case 'assignCosmosDataRole':
        return {
          ...base,
          principal: who(action.principal),
          role: action.roleName,
          target: name(action.target),
          scope: SCOPE_LABEL[action.scope] ?? action.scope,
        }
      case 'redisAccessPolicy':
        return {
          ...base,
          principal: who(action.principal),
          role: action.accessPolicyName,
          target: name(action.target),
          scope: 'Resource',
        }
      case 'databaseUser':
      case 'sqlContainedUser':
        return {
          ...base,
          principal: who(action.principal),
          role: action.roles.join(', '),
          target: name(action.target),
          scope: 'Database',
        }
      case 'keyVaultAccessPolicy':
        return {
          ...base,
          principal: who(action.principal),
          role: action.roles.join(', '),
          target: name(action.target),
          scope: 'Resource',
        }
      case 'setAppSettings':
        return {
          ...base,
          principal: action.settings.map((s) => s.name).join(', '),
          role: '—',
          target: name(action.app),
          scope: '—',
        }
      default:
        return assertNever(action, 'plan action')
    }
  })
}

export function countByKind(plan: Plan): Map<PlanActionKind, number> {
  const counts = new Map<PlanActionKind, number>()
  for (const a of plan.actions) counts.set(a.action, (counts.get(a.action) ?? 0) + 1)
  return counts
}
