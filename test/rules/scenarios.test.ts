import { describe, expect, it } from 'vitest'
import { applyEdits, type Edit } from '@/model/edits.ts'
import type { Design } from '@/model/types.ts'
import { checkDesign } from '@/rules/engine.ts'
import { templateById } from '@/templates/index.ts'

const scenario = (id: string): Design => {
  const t = templateById(id)
  if (!t) throw new Error(`no template ${id}`)
  return t.design
}

const edit = (d: Design, ...edits: Edit[]): Design => {
  const r = applyEdits(d, edits)
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

/** [rule, severity, subject] of every finding, in the engine's order. */
const summary = (d: Design) => checkDesign(d).map((f) => [f.rule, f.severity, f.subject])

describe("the tutorial's scenarios", () => {
  it('scenario 1: only the SQL grants need the extra T-SQL step', () => {
    expect(summary(scenario('scenario-1'))).toEqual([
      ['non-rbac-grant', 'info', 'devs-db'],
      ['non-rbac-grant', 'info', 'web-db'],
    ])
  })

  it('scenario 2: the Cosmos DB and SQL grants are not Azure role assignments', () => {
    expect(summary(scenario('scenario-2'))).toEqual([
      ['non-rbac-grant', 'info', 'devs-cosmos'],
      ['non-rbac-grant', 'info', 'devs-db'],
      ['non-rbac-grant', 'info', 'web1-cosmos'],
      ['non-rbac-grant', 'info', 'web1-db'],
      ['non-rbac-grant', 'info', 'web2-cosmos'],
      ['non-rbac-grant', 'info', 'web2-db'],
    ])
  })

  it('scenario 3: shared identity plus system-assigned is clean', () => {
    expect(summary(scenario('scenario-3'))).toEqual([])
  })
})

describe('variants of the scenarios', () => {
  it('scenario 1 with its system-assigned identity off and no developers', () => {
    const d = edit(
      scenario('scenario-1'),
      { type: 'updateNode', id: 'web', set: { systemAssigned: false } },
      { type: 'removeNode', id: 'devs' },
    )
    expect(summary(d)).toEqual([
      ['identity-not-on-app', 'error', 'web-blob'],
      ['identity-not-on-app', 'error', 'web-db'],
      ['identity-not-on-app', 'error', 'web-vault'],
      ['missing-identity', 'error', 'web-blob'],
      ['missing-identity', 'error', 'web-db'],
      ['missing-identity', 'error', 'web-vault'],
      ['developer-access-missing', 'info', 'blob'],
      ['developer-access-missing', 'info', 'db'],
      ['developer-access-missing', 'info', 'vault'],
    ])
  })

  it('scenario 2 with the function app attached to the database identity it does not need', () => {
    const d = edit(scenario('scenario-2'), {
      type: 'addEdge',
      edge: { id: 'func-mi-data', kind: 'attach', source: 'func', target: 'mi-data' },
    })
    const findings = checkDesign(d).filter((f) => f.rule === 'shared-identity-overgrant')
    expect(findings.map((f) => [f.subject, f.related])).toEqual([
      ['mi-data', ['cosmos', 'func']],
      ['mi-data', ['db', 'func']],
    ])
  })

  it('scenario 2 with the web apps on their own identities: identical access, one identity would do', () => {
    const d = edit(
      scenario('scenario-2'),
      { type: 'updateNode', id: 'web1', set: { systemAssigned: true } },
      { type: 'updateNode', id: 'web2', set: { systemAssigned: true } },
      { type: 'updateEdge', id: 'web1-cosmos', set: { via: 'system' } },
      { type: 'updateEdge', id: 'web1-db', set: { via: 'system' } },
      { type: 'updateEdge', id: 'web2-cosmos', set: { via: 'system' } },
      { type: 'updateEdge', id: 'web2-db', set: { via: 'system' } },
      { type: 'removeNode', id: 'mi-data' },
    )
    expect(summary(d).filter(([rule]) => rule !== 'non-rbac-grant')).toEqual([
      ['identical-access-share-identity', 'info', 'web1'],
    ])
  })

  it("scenario 3 with the API's vault on the shared identity, and the vault on access policies", () => {
    const d = edit(
      scenario('scenario-3'),
      { type: 'updateEdge', id: 'api-vault', set: { via: 'mi-storage' } },
      { type: 'updateNode', id: 'vault', set: { permissionModel: 'accessPolicy' } },
    )
    expect(summary(d)).toEqual([
      ['keyvault-access-policy', 'warning', 'vault'],
      ['shared-identity-overgrant', 'warning', 'mi-storage'],
    ])
  })

  it('scenario 3 with broad, privileged, duplicate and redundant roles', () => {
    const d = edit(
      scenario('scenario-3'),
      {
        type: 'updateEdge',
        id: 'worker-blob',
        set: { roles: ['Contributor'], scope: 'resourceGroup' },
      },
      {
        type: 'addEdge',
        edge: {
          id: 'api-blob-2',
          kind: 'access',
          source: 'api',
          target: 'blob',
          via: 'mi-storage',
          roles: ['Storage Blob Data Reader'],
        },
      },
      {
        type: 'updateEdge',
        id: 'devs-queue',
        set: { roles: ['Azure Service Bus Data Owner', 'Azure Service Bus Data Sender'] },
      },
      {
        type: 'addEdge',
        edge: {
          id: 'devs-queue-2',
          kind: 'access',
          source: 'devs',
          target: 'queue',
          roles: ['Azure Service Bus Data Sender'],
        },
      },
    )
    expect(summary(d)).toEqual([
      ['privileged-role', 'error', 'worker-blob'],
      ['broad-scope', 'warning', 'worker-blob'],
      ['duplicate-access', 'warning', 'devs-queue-2'],
      ['key-exposing-role', 'warning', 'devs-queue'],
      ['shared-identity-overgrant', 'warning', 'mi-storage'],
      ['redundant-role', 'info', 'api-blob-2'],
      ['redundant-role', 'info', 'devs-queue'],
      ['redundant-role', 'info', 'devs-queue-2'],
    ])
  })
})
