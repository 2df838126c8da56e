import { privilegedRole } from '@/rules/defs/privileged-role.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

testRule(privilegedRole, {
  valid: [
    {
      name: 'data roles, a custom role, and key-exposing roles that are not privileged',
      design: design()
        .app('api', { systemAssigned: true })
        .service('st', 'storage')
        .access('api', 'st', [
          'Storage Blob Data Owner',
          '11111111-2222-3333-4444-555555555555',
          'Storage Account Contributor',
        ])
        .build(),
    },
  ],
  invalid: [
    {
      name: 'Owner and Contributor on one edge: one finding; by GUID too; unresolved edges count',
      design: design()
        .app('api', { systemAssigned: true })
        .app('lost')
        .service('st', 'storage')
        .service('db', 'sql')
        .access('api', 'st', ['Owner', 'Contributor'], { id: 'e1' })
        .access('api', 'st', ['18d7d88d-d35e-4fb5-a5c3-7773c20a72d9'], { id: 'e2' })
        .access('lost', 'db', ['db_owner'], { id: 'e3' })
        .build(),
      findings: [
        {
          subject: 'e1',
          message: '"Owner", "Contributor"',
          related: ['api', 'st'],
          suggestions: [
            {
              title: 'Grant "Storage Blob Data Reader" instead of "Owner", "Contributor"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Storage Blob Data Reader"]
                access e2 api -> st ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title: 'Grant "Storage Blob Data Contributor" instead of "Owner", "Contributor"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Storage Blob Data Contributor"]
                access e2 api -> st ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title: 'Grant "Storage Blob Data Owner" instead of "Owner", "Contributor"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Storage Blob Data Owner"]
                access e2 api -> st ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title: 'Grant "Storage Blob Delegator" instead of "Owner", "Contributor"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Storage Blob Delegator"]
                access e2 api -> st ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title: 'Grant "Storage Queue Data Reader" instead of "Owner", "Contributor"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Storage Queue Data Reader"]
                access e2 api -> st ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title: 'Grant "Storage Queue Data Contributor" instead of "Owner", "Contributor"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Storage Queue Data Contributor"]
                access e2 api -> st ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title: 'Grant "Storage Queue Data Message Sender" instead of "Owner", "Contributor"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Storage Queue Data Message Sender"]
                access e2 api -> st ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title:
                'Grant "Storage Queue Data Message Processor" instead of "Owner", "Contributor"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Storage Queue Data Message Processor"]
                access e2 api -> st ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title: 'Grant "Storage Table Data Reader" instead of "Owner", "Contributor"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Storage Table Data Reader"]
                access e2 api -> st ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title: 'Grant "Storage Table Data Contributor" instead of "Owner", "Contributor"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Storage Table Data Contributor"]
                access e2 api -> st ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title: 'Grant "Storage File Data SMB Share Reader" instead of "Owner", "Contributor"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Storage File Data SMB Share Reader"]
                access e2 api -> st ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title:
                'Grant "Storage File Data SMB Share Contributor" instead of "Owner", "Contributor"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Storage File Data SMB Share Contributor"]
                access e2 api -> st ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"]
                access e3 lost -> db ["db_owner"]
              `,
            },
          ],
        },
        {
          subject: 'e2',
          suggestions: [
            {
              title:
                'Grant "Storage Blob Data Reader" instead of "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Owner","Contributor"]
                access e2 api -> st ["Storage Blob Data Reader"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title:
                'Grant "Storage Blob Data Contributor" instead of "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Owner","Contributor"]
                access e2 api -> st ["Storage Blob Data Contributor"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title:
                'Grant "Storage Blob Data Owner" instead of "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Owner","Contributor"]
                access e2 api -> st ["Storage Blob Data Owner"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title:
                'Grant "Storage Blob Delegator" instead of "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Owner","Contributor"]
                access e2 api -> st ["Storage Blob Delegator"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title:
                'Grant "Storage Queue Data Reader" instead of "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Owner","Contributor"]
                access e2 api -> st ["Storage Queue Data Reader"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title:
                'Grant "Storage Queue Data Contributor" instead of "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Owner","Contributor"]
                access e2 api -> st ["Storage Queue Data Contributor"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title:
                'Grant "Storage Queue Data Message Sender" instead of "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Owner","Contributor"]
                access e2 api -> st ["Storage Queue Data Message Sender"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title:
                'Grant "Storage Queue Data Message Processor" instead of "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Owner","Contributor"]
                access e2 api -> st ["Storage Queue Data Message Processor"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title:
                'Grant "Storage Table Data Reader" instead of "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Owner","Contributor"]
                access e2 api -> st ["Storage Table Data Reader"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title:
                'Grant "Storage Table Data Contributor" instead of "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Owner","Contributor"]
                access e2 api -> st ["Storage Table Data Contributor"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title:
                'Grant "Storage File Data SMB Share Reader" instead of "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Owner","Contributor"]
                access e2 api -> st ["Storage File Data SMB Share Reader"]
                access e3 lost -> db ["db_owner"]
              `,
            },
            {
              title:
                'Grant "Storage File Data SMB Share Contributor" instead of "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Owner","Contributor"]
                access e2 api -> st ["Storage File Data SMB Share Contributor"]
                access e3 lost -> db ["db_owner"]
              `,
            },
          ],
        },
        {
          subject: 'e3',
          suggestions: [
            {
              title: 'Grant "db_datareader" instead of "db_owner"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Owner","Contributor"]
                access e2 api -> st ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"]
                access e3 lost -> db ["db_datareader"]
              `,
            },
            {
              title: 'Grant "db_datawriter" instead of "db_owner"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Owner","Contributor"]
                access e2 api -> st ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"]
                access e3 lost -> db ["db_datawriter"]
              `,
            },
            {
              title: 'Grant "db_ddladmin" instead of "db_owner"',
              output: `
                app api appService system
                app lost appService
                service st storage
                service db sql
                access e1 api -> st ["Owner","Contributor"]
                access e2 api -> st ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"]
                access e3 lost -> db ["db_ddladmin"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'Contributor on a Cosmos DB account at resource group scope: its data roles go on the account',
      design: design()
        .app('api', { systemAssigned: true })
        .service('db', 'cosmosDb')
        .access('api', 'db', ['Contributor'], { id: 'e1', scope: 'resourceGroup' })
        .build(),
      findings: [
        {
          subject: 'e1',
          message: '"Contributor"',
          related: ['api', 'db'],
          suggestions: [
            {
              title:
                'Grant "Cosmos DB Built-in Data Reader" on the account instead of "Contributor"',
              output: `
                app api appService system
                service db cosmosDb
                access e1 api -> db ["Cosmos DB Built-in Data Reader"]
              `,
            },
            {
              title:
                'Grant "Cosmos DB Built-in Data Contributor" on the account instead of "Contributor"',
              output: `
                app api appService system
                service db cosmosDb
                access e1 api -> db ["Cosmos DB Built-in Data Contributor"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: "a developer's privileged role is a warning",
      design: design()
        .developer('devs')
        .service('kv', 'keyVault')
        .access('devs', 'kv', ['Role Based Access Control Administrator'], { id: 'e1' })
        .build(),
      findings: [
        {
          subject: 'e1',
          severity: 'warning',
          suggestions: [
            {
              title:
                'Grant "Key Vault Secrets User" instead of "Role Based Access Control Administrator"',
              output: `
                developer devs group
                service kv keyVault
                access e1 devs -> kv ["Key Vault Secrets User"]
              `,
            },
            {
              title:
                'Grant "Key Vault Secrets Officer" instead of "Role Based Access Control Administrator"',
              output: `
                developer devs group
                service kv keyVault
                access e1 devs -> kv ["Key Vault Secrets Officer"]
              `,
            },
            {
              title:
                'Grant "Key Vault Crypto User" instead of "Role Based Access Control Administrator"',
              output: `
                developer devs group
                service kv keyVault
                access e1 devs -> kv ["Key Vault Crypto User"]
              `,
            },
            {
              title:
                'Grant "Key Vault Crypto Officer" instead of "Role Based Access Control Administrator"',
              output: `
                developer devs group
                service kv keyVault
                access e1 devs -> kv ["Key Vault Crypto Officer"]
              `,
            },
            {
              title:
                'Grant "Key Vault Crypto Service Encryption User" instead of "Role Based Access Control Administrator"',
              output: `
                developer devs group
                service kv keyVault
                access e1 devs -> kv ["Key Vault Crypto Service Encryption User"]
              `,
            },
            {
              title:
                'Grant "Key Vault Certificate User" instead of "Role Based Access Control Administrator"',
              output: `
                developer devs group
                service kv keyVault
                access e1 devs -> kv ["Key Vault Certificate User"]
              `,
            },
            {
              title:
                'Grant "Key Vault Certificates Officer" instead of "Role Based Access Control Administrator"',
              output: `
                developer devs group
                service kv keyVault
                access e1 devs -> kv ["Key Vault Certificates Officer"]
              `,
            },
            {
              title:
                'Grant "Key Vault Reader" instead of "Role Based Access Control Administrator"',
              output: `
                developer devs group
                service kv keyVault
                access e1 devs -> kv ["Key Vault Reader"]
              `,
            },
            {
              title:
                'Grant "Key Vault Administrator" instead of "Role Based Access Control Administrator"',
              output: `
                developer devs group
                service kv keyVault
                access e1 devs -> kv ["Key Vault Administrator"]
              `,
            },
          ],
        },
      ],
    },
  ],
})
