import { roleNotForService } from '@/rules/defs/role-not-for-service.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

testRule(roleNotForService, {
  valid: [
    {
      name: 'roles of the service, roles for any service, custom and unknown roles',
      design: design()
        .app('api', { systemAssigned: true })
        .service('kv', 'keyVault')
        .access('api', 'kv', [
          'Key Vault Secrets User',
          'Reader',
          '11111111-2222-3333-4444-555555555555',
          'Nope',
        ])
        .build(),
    },
  ],
  invalid: [
    {
      name: 'a Key Vault role on storage, a SQL role on Cosmos DB (by GUID too), unresolved',
      design: design()
        .app('api')
        .service('st', 'storage')
        .service('cosmos', 'cosmosDb')
        .access('api', 'st', ['Key Vault Secrets User', 'Storage Blob Data Reader'], { id: 'e1' })
        .access('api', 'cosmos', ['db_datareader', '4633458B-17DE-408A-B874-0445C86B69E6'], {
          id: 'e2',
        })
        .build(),
      findings: [
        {
          subject: 'e1',
          message: '"Key Vault Secrets User" cannot be granted on "st", a Storage account',
          related: ['st'],
          suggestions: 12,
        },
        { subject: 'e2', suggestions: 2 },
      ],
    },
  ],
})
