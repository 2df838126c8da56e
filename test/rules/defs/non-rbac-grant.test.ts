import { nonRbacGrant } from '@/rules/defs/non-rbac-grant.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

testRule(nonRbacGrant, {
  valid: [
    {
      name: 'RBAC roles and custom roles; unresolved edges yield no grant',
      design: design()
        .app('api', { systemAssigned: true })
        .app('lost')
        .service('st', 'storage')
        .service('db', 'sql')
        .access('api', 'st', ['Storage Blob Data Reader', '11111111-2222-3333-4444-555555555555'])
        .access('lost', 'db', ['db_datareader'])
        .build(),
    },
  ],
  invalid: [
    {
      name: 'Cosmos DB data roles (by GUID too) and SQL database roles, apps and developers',
      design: design()
        .app('api', { systemAssigned: true })
        .developer('devs')
        .service('cosmos', 'cosmosDb')
        .service('db', 'sql')
        .access('api', 'cosmos', ['00000000-0000-0000-0000-000000000002'], { id: 'e1' })
        .access('devs', 'db', ['db_datareader', 'db_datawriter'], { id: 'e2' })
        .build(),
      findings: [
        { subject: 'e1', message: 'Cosmos DB data-plane role', related: ['cosmos'] },
        { subject: 'e2', message: '"db_datareader", "db_datawriter" on "db" is a database role' },
      ],
    },
  ],
})
