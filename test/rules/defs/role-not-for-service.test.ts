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
          suggestions: [
            {
              title: 'Grant "Storage Blob Data Reader" instead of "Key Vault Secrets User"',
              output: `
                app api appService
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Blob Data Reader"]
                access e2 api -> cosmos ["db_datareader","4633458B-17DE-408A-B874-0445C86B69E6"]
              `,
            },
            {
              title: 'Grant "Storage Blob Data Contributor" instead of "Key Vault Secrets User"',
              output: `
                app api appService
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Blob Data Contributor","Storage Blob Data Reader"]
                access e2 api -> cosmos ["db_datareader","4633458B-17DE-408A-B874-0445C86B69E6"]
              `,
            },
            {
              title: 'Grant "Storage Blob Data Owner" instead of "Key Vault Secrets User"',
              output: `
                app api appService
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Blob Data Owner","Storage Blob Data Reader"]
                access e2 api -> cosmos ["db_datareader","4633458B-17DE-408A-B874-0445C86B69E6"]
              `,
            },
            {
              title: 'Grant "Storage Blob Delegator" instead of "Key Vault Secrets User"',
              output: `
                app api appService
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Blob Delegator","Storage Blob Data Reader"]
                access e2 api -> cosmos ["db_datareader","4633458B-17DE-408A-B874-0445C86B69E6"]
              `,
            },
            {
              title: 'Grant "Storage Queue Data Reader" instead of "Key Vault Secrets User"',
              output: `
                app api appService
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Queue Data Reader","Storage Blob Data Reader"]
                access e2 api -> cosmos ["db_datareader","4633458B-17DE-408A-B874-0445C86B69E6"]
              `,
            },
            {
              title: 'Grant "Storage Queue Data Contributor" instead of "Key Vault Secrets User"',
              output: `
                app api appService
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Queue Data Contributor","Storage Blob Data Reader"]
                access e2 api -> cosmos ["db_datareader","4633458B-17DE-408A-B874-0445C86B69E6"]
              `,
            },
            {
              title:
                'Grant "Storage Queue Data Message Sender" instead of "Key Vault Secrets User"',
              output: `
                app api appService
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Queue Data Message Sender","Storage Blob Data Reader"]
                access e2 api -> cosmos ["db_datareader","4633458B-17DE-408A-B874-0445C86B69E6"]
              `,
            },
            {
              title:
                'Grant "Storage Queue Data Message Processor" instead of "Key Vault Secrets User"',
              output: `
                app api appService
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Queue Data Message Processor","Storage Blob Data Reader"]
                access e2 api -> cosmos ["db_datareader","4633458B-17DE-408A-B874-0445C86B69E6"]
              `,
            },
            {
              title: 'Grant "Storage Table Data Reader" instead of "Key Vault Secrets User"',
              output: `
                app api appService
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Table Data Reader","Storage Blob Data Reader"]
                access e2 api -> cosmos ["db_datareader","4633458B-17DE-408A-B874-0445C86B69E6"]
              `,
            },
            {
              title: 'Grant "Storage Table Data Contributor" instead of "Key Vault Secrets User"',
              output: `
                app api appService
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Table Data Contributor","Storage Blob Data Reader"]
                access e2 api -> cosmos ["db_datareader","4633458B-17DE-408A-B874-0445C86B69E6"]
              `,
            },
            {
              title:
                'Grant "Storage File Data SMB Share Reader" instead of "Key Vault Secrets User"',
              output: `
                app api appService
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage File Data SMB Share Reader","Storage Blob Data Reader"]
                access e2 api -> cosmos ["db_datareader","4633458B-17DE-408A-B874-0445C86B69E6"]
              `,
            },
            {
              title:
                'Grant "Storage File Data SMB Share Contributor" instead of "Key Vault Secrets User"',
              output: `
                app api appService
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage File Data SMB Share Contributor","Storage Blob Data Reader"]
                access e2 api -> cosmos ["db_datareader","4633458B-17DE-408A-B874-0445C86B69E6"]
              `,
            },
          ],
        },
        {
          subject: 'e2',
          suggestions: [
            {
              title:
                'Grant "Cosmos DB Built-in Data Reader" instead of "db_datareader", "4633458B-17DE-408A-B874-0445C86B69E6"',
              output: `
                app api appService
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Key Vault Secrets User","Storage Blob Data Reader"]
                access e2 api -> cosmos ["Cosmos DB Built-in Data Reader"]
              `,
            },
            {
              title:
                'Grant "Cosmos DB Built-in Data Contributor" instead of "db_datareader", "4633458B-17DE-408A-B874-0445C86B69E6"',
              output: `
                app api appService
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Key Vault Secrets User","Storage Blob Data Reader"]
                access e2 api -> cosmos ["Cosmos DB Built-in Data Contributor"]
              `,
            },
          ],
        },
      ],
    },
  ],
})
