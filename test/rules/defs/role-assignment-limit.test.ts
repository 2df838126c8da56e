import { roleAssignmentLimit } from '@/rules/defs/role-assignment-limit.ts'
import type { Design, DesignEdge, DesignNode } from '@/model/types.ts'
import { testRule } from '../../support/rule-tester.ts'

const STORAGE_RBAC = [
  'Storage Blob Data Reader',
  'Storage Blob Data Contributor',
  'Storage Queue Data Reader',
  'Storage Queue Data Contributor',
]

/**
 * `apps` system-assigned apps, each with the four storage roles on its own account (plus a
 * Cosmos DB data role and a SQL role, which are not Azure role assignments), and a developer group
 * holding one custom role on each account.
 */
function manyAssignments(apps: number, withDeveloper = true): Design {
  const nodes: DesignNode[] = [{ id: 'devs', kind: 'developer', name: 'devs', principal: 'group' }]
  const edges: DesignEdge[] = []
  nodes.push({ id: 'cosmos', kind: 'service', name: 'cosmos', service: 'cosmosDb' })
  for (let i = 0; i < apps; i++) {
    nodes.push({
      id: `a${i}`,
      kind: 'app',
      name: `a${i}`,
      hosting: 'appService',
      systemAssigned: true,
    })
    nodes.push({ id: `s${i}`, kind: 'service', name: `s${i}`, service: 'storage' })
    edges.push({
      id: `e${i}`,
      kind: 'access',
      source: `a${i}`,
      target: `s${i}`,
      roles: STORAGE_RBAC,
    })
    edges.push({
      id: `c${i}`,
      kind: 'access',
      source: `a${i}`,
      target: 'cosmos',
      roles: ['Cosmos DB Built-in Data Reader'],
    })
    edges.push({
      id: `dup${i}`,
      kind: 'access',
      source: `a${i}`,
      target: `s${i}`,
      roles: ['Storage Blob Data Reader'],
      via: 'system',
    })
    if (withDeveloper)
      edges.push({
        id: `d${i}`,
        kind: 'access',
        source: 'devs',
        target: `s${i}`,
        roles: ['11111111-2222-3333-4444-555555555555'],
      })
  }
  return { name: 'many', nodes, edges }
}

testRule(roleAssignmentLimit, {
  valid: [{ name: 'exactly 4,000 assignments', design: manyAssignments(1000, false) }],
  invalid: [
    {
      name: 'over 4,000 (developers and custom roles count; duplicates and data-plane roles do not)',
      design: manyAssignments(801),
      findings: [{ subject: null, severity: 'warning', message: '4,005' }],
    },
    {
      name: 'over 5,000 is an error, reported once',
      design: manyAssignments(1001),
      findings: [{ subject: null, severity: 'error', message: '5,005' }],
    },
  ],
})
