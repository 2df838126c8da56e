import { describe, expect, it } from 'vitest'
import { azureNameProblem, sameResourceProblem, serviceNameRule } from '@/catalog/name-rules.ts'
import type { HostingKind, ServiceKind } from '@/model/kinds.ts'
import { TEMPLATES } from '@/templates/index.ts'
import { design } from '../support/builder.ts'

// Names Azure takes and refuses, per learn.microsoft.com "Naming rules and restrictions for Azure
// resources" and the REST specs' name patterns.
const EXAMPLES: Readonly<Record<ServiceKind, { ok: string[]; refused: string[] }>> = {
  storage: {
    ok: ['st1', 'receiptstore', 'a'.repeat(24)],
    refused: ['st-1', 'Store', 'ab', 'a'.repeat(25), 'st_1'],
  },
  keyVault: {
    ok: ['kv-1', 'KvReceipts', 'a'.repeat(24)],
    refused: ['1kv', 'kv-', 'kv--a', 'ab', 'a'.repeat(25), 'kv_1'],
  },
  serviceBus: {
    ok: ['sbns-1', 'Orders-Bus'],
    refused: ['sbns1', 'sb-ns-', '1sbns-x', 'a'.repeat(51), 'sb_ns_1'],
  },
  eventHubs: { ok: ['evhns-1', 'orders-hub'], refused: ['evh-1', '9orders', 'orders-'] },
  eventGrid: { ok: ['evgt-1', 'ab1', '-topic-'], refused: ['ab', 'topic_1', 'a'.repeat(51)] },
  cosmosDb: {
    ok: ['cosmos-1', 'abc', 'a'.repeat(44)],
    refused: ['Cosmos', '-cosmos', 'cosmos-', 'ab', 'a'.repeat(45)],
  },
  sql: {
    ok: ['sql-1/sqldb-1', 'contoso-sql/Orders DB', 's/d'],
    refused: ['sqldb-1', 'SQL/db', '-sql/db', 'sql/db.', 'sql/db ', 'sql/a:b', 'sql/', '/db'],
  },
  appConfiguration: {
    ok: ['appcs-1', 'Config-1', 'ab--cd'],
    refused: ['ab-1', '-appcs', 'appcs-', 'ab---cd', 'app_cs'],
  },
  containerRegistry: { ok: ['cr001', 'ContosoAcr'], refused: ['cr-1', 'cr1', 'a'.repeat(51)] },
  openAI: { ok: ['oai-1', 'ab', 'Contoso-OpenAI'], refused: ['a', '-oai', 'oai-', 'oai_1'] },
  search: {
    ok: ['srch-1', 'ab', 'search1'],
    refused: ['Search', '-srch', 'srch-', 'sr--ch', 'a-bc', 'a', 'a'.repeat(61)],
  },
  signalR: { ok: ['sigr-1', 'Abc'], refused: ['1sigr', 'sigr-', 'ab', 'sig_r'] },
  postgresql: { ok: ['psql-1', 'abc'], refused: ['PSQL', '-psql', 'psql-', 'ab', 'a'.repeat(64)] },
  mysql: { ok: ['mysql-1', 'abc'], refused: ['MySQL', 'mysql-', 'ab'] },
  redis: {
    ok: ['redis-1', 'a', 'Cache1'],
    refused: ['-redis', 'redis-', 're--dis', 'a'.repeat(64)],
  },
}

const APP_EXAMPLES: [string, HostingKind, { ok: string[]; refused: string[] }][] = [
  ['web app', 'appService', { ok: ['app-1', 'Ab', 'café-app'], refused: ['a', '-app', 'app_web'] }],
  ['function app', 'functionApp', { ok: ['func-1'], refused: ['func-', 'f'.repeat(61)] }],
  [
    'container app',
    'containerApp',
    { ok: ['ca-1', 'ab', 'a1'], refused: ['1ca', 'ca-api-', 'Ca-api', 'ca--api', 'a'.repeat(33)] },
  ],
  ['logic app', 'logicApp', { ok: ['logic-1', 'Wf_(v1).prod'], refused: ['logic orders', 'wf/1'] }],
  [
    'container instance',
    'containerInstance',
    { ok: ['ci-1', 'a'], refused: ['ci--worker', '-ci', 'Ci-worker'] },
  ],
]

describe('Azure name rules', () => {
  it.each(APP_EXAMPLES)('%s: takes and refuses what Azure does', (_, hosting, examples) => {
    const problem = (name: string) =>
      azureNameProblem({ id: 'a', kind: 'app', name, hosting, systemAssigned: false })
    expect(examples.ok.filter((n) => problem(n))).toEqual([])
    expect(examples.refused.filter((n) => !problem(n))).toEqual([])
  })

  it('has no rule of its own for a virtual machine, a Spring app or an AKS workload', () => {
    for (const hosting of ['virtualMachine', 'vmScaleSet', 'springApp', 'aksWorkload'] as const)
      expect(
        azureNameProblem({
          id: 'a',
          kind: 'app',
          name: 'Any name',
          hosting,
          systemAssigned: false,
        }),
      ).toBeUndefined()
  })

  it.each(Object.entries(EXAMPLES))('%s: takes and refuses what Azure does', (kind, examples) => {
    const rule = serviceNameRule(kind as ServiceKind)
    expect(examples.ok.filter((n) => !rule.pattern.test(n))).toEqual([])
    expect(examples.refused.filter((n) => rule.pattern.test(n))).toEqual([])
  })

  it('says why for an unbound app, service or identity, and nothing for a bound one', () => {
    const d = design()
      .app('api', { name: 'Any Name_at all', hosting: 'appService' })
      .identity('mi', { name: 'mi 1' })
      .service('st', 'storage', { name: 'Receipt_Store' })
      .service('bound', 'storage', {
        name: 'Receipt_Store',
        azure: {
          resourceId:
            '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/receipts',
        },
      })
      .build()
    expect(Object.fromEntries(d.nodes.map((n) => [n.id, azureNameProblem(n)]))).toEqual({
      api: 'Azure would refuse it: App Service names are 2–60 letters, digits and hyphens, not starting or ending with a hyphen.',
      mi: 'Azure would refuse it: a user-assigned identity’s name is 3–128 letters, digits, hyphens and underscores, starting with a letter or digit.',
      st: 'Azure would refuse it: Storage account names are 3–24 lower-case letters and digits.',
      bound: undefined,
    })
  })

  it('names another node Azure would take for the same resource: same type and name, any case', () => {
    const SUB = '/subscriptions/11111111-1111-1111-1111-111111111111'
    const d = design()
      .service('st', 'storage', { name: 'receipts' })
      .service('st2', 'storage', { name: 'Receipts' })
      .service('kv', 'keyVault', { name: 'receipts' })
      .identity('mi', { name: 'mi-orders', azure: { resourceGroup: 'rg-a' } })
      .identity('mi2', { name: 'mi-orders', azure: { resourceGroup: 'RG-A' } })
      .identity('mi3', { name: 'mi-orders', azure: { resourceGroup: 'rg-b' } })
      .app('web', { name: 'web-1', hosting: 'appService' })
      .app('fn', { name: 'web-1', hosting: 'functionApp' })
      .app('aks', { name: 'orders', hosting: 'aksWorkload' })
      .app('aks2', { name: 'orders', hosting: 'aksWorkload' })
      .developer('g', 'group', { name: 'Devs' })
      .developer('g2', 'group', { name: 'Devs' })
      .service('b1', 'storage', {
        name: 'a',
        azure: {
          resourceId: `${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/shared`,
        },
      })
      .service('b2', 'storage', {
        name: 'b',
        azure: {
          resourceId: `${SUB}/resourceGroups/rg2/providers/Microsoft.Storage/storageAccounts/shared`,
        },
      })
      .service('b3', 'storage', { name: 'shared' })
      .build()
    expect(Object.fromEntries(d.nodes.map((n) => [n.id, sameResourceProblem(d, n)]))).toEqual({
      st: 'Another Storage account in this design has this name: to Azure, in one resource group, the two are one Storage account.',
      st2: 'Another Storage account in this design has this name: to Azure, in one resource group, the two are one Storage account.',
      kv: undefined,
      // mi3 is placed in another resource group: mi and mi2 (one group, any case) are one.
      mi: 'Another user-assigned identity in this design has this name: to Azure, in one resource group, the two are one user-assigned identity.',
      mi2: 'Another user-assigned identity in this design has this name: to Azure, in one resource group, the two are one user-assigned identity.',
      mi3: undefined,
      web: undefined,
      fn: undefined,
      aks: undefined,
      aks2: undefined,
      g: undefined,
      g2: undefined,
      // Bound to two accounts of one name in two groups: two. An unbound one of that name may be either.
      b1: 'Another Storage account in this design has this name: to Azure, in one resource group, the two are one Storage account.',
      b2: 'Another Storage account in this design has this name: to Azure, in one resource group, the two are one Storage account.',
      b3: 'Another Storage account in this design has this name: to Azure, in one resource group, the two are one Storage account.',
    })
  })

  it('finds no two nodes of one resource in the templates', () => {
    const found = TEMPLATES.flatMap((t) =>
      t.design.nodes.flatMap((n) =>
        sameResourceProblem(t.design, n) ? [`${t.id}: ${n.name}`] : [],
      ),
    )
    expect(found).toEqual([])
  })
})
