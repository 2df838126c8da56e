import { keyExposingRole } from '@/rules/defs/key-exposing-role.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

testRule(keyExposingRole, {
  valid: [
    {
      name: 'privileged roles that also expose keys belong to privileged-role',
      design: design()
        .app('api', { systemAssigned: true })
        .service('st', 'storage')
        .access('api', 'st', ['Owner', 'Contributor', 'Storage Blob Data Reader'])
        .build(),
    },
  ],
  invalid: [
    {
      name: 'key-exposing roles, by name and GUID, for apps and developers, resolved or not',
      design: design()
        .app('api', { systemAssigned: true })
        .app('lost')
        .developer('devs')
        .service('st', 'storage')
        .service('cosmos', 'cosmosDb')
        .access('api', 'st', ['Storage Account Contributor', 'Contributor'], { id: 'e1' })
        .access('devs', 'cosmos', ['5bd9cd88-fe45-4216-938b-f97437e15450'], { id: 'e2' })
        .access('lost', 'st', ['Reader and Data Access'], { id: 'e3' })
        .build(),
      findings: [
        {
          subject: 'e1',
          message: '"Storage Account Contributor" on "st"',
          suggestions: [
            {
              title: 'Grant "Storage Blob Data Reader" instead of "Storage Account Contributor"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Blob Data Reader","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Reader and Data Access"]
              `,
            },
            {
              title:
                'Grant "Storage Blob Data Contributor" instead of "Storage Account Contributor"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Blob Data Contributor","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Reader and Data Access"]
              `,
            },
            {
              title: 'Grant "Storage Blob Data Owner" instead of "Storage Account Contributor"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Blob Data Owner","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Reader and Data Access"]
              `,
            },
            {
              title: 'Grant "Storage Blob Delegator" instead of "Storage Account Contributor"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Blob Delegator","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Reader and Data Access"]
              `,
            },
            {
              title: 'Grant "Storage Queue Data Reader" instead of "Storage Account Contributor"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Queue Data Reader","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Reader and Data Access"]
              `,
            },
            {
              title:
                'Grant "Storage Queue Data Contributor" instead of "Storage Account Contributor"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Queue Data Contributor","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Reader and Data Access"]
              `,
            },
            {
              title:
                'Grant "Storage Queue Data Message Sender" instead of "Storage Account Contributor"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Queue Data Message Sender","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Reader and Data Access"]
              `,
            },
            {
              title:
                'Grant "Storage Queue Data Message Processor" instead of "Storage Account Contributor"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Queue Data Message Processor","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Reader and Data Access"]
              `,
            },
            {
              title: 'Grant "Storage Table Data Reader" instead of "Storage Account Contributor"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Table Data Reader","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Reader and Data Access"]
              `,
            },
            {
              title:
                'Grant "Storage Table Data Contributor" instead of "Storage Account Contributor"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Table Data Contributor","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Reader and Data Access"]
              `,
            },
            {
              title:
                'Grant "Storage File Data SMB Share Reader" instead of "Storage Account Contributor"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage File Data SMB Share Reader","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Reader and Data Access"]
              `,
            },
            {
              title:
                'Grant "Storage File Data SMB Share Contributor" instead of "Storage Account Contributor"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage File Data SMB Share Contributor","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Reader and Data Access"]
              `,
            },
          ],
        },
        {
          subject: 'e2',
          suggestions: [
            {
              title:
                'Grant "Cosmos DB Built-in Data Reader" instead of "5bd9cd88-fe45-4216-938b-f97437e15450"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Account Contributor","Contributor"]
                access e2 devs -> cosmos ["Cosmos DB Built-in Data Reader"]
                access e3 lost -> st ["Reader and Data Access"]
              `,
            },
            {
              title:
                'Grant "Cosmos DB Built-in Data Contributor" instead of "5bd9cd88-fe45-4216-938b-f97437e15450"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Account Contributor","Contributor"]
                access e2 devs -> cosmos ["Cosmos DB Built-in Data Contributor"]
                access e3 lost -> st ["Reader and Data Access"]
              `,
            },
          ],
        },
        {
          subject: 'e3',
          suggestions: [
            {
              title: 'Grant "Storage Blob Data Reader" instead of "Reader and Data Access"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Account Contributor","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Storage Blob Data Reader"]
              `,
            },
            {
              title: 'Grant "Storage Blob Data Contributor" instead of "Reader and Data Access"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Account Contributor","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Storage Blob Data Contributor"]
              `,
            },
            {
              title: 'Grant "Storage Blob Data Owner" instead of "Reader and Data Access"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Account Contributor","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Storage Blob Data Owner"]
              `,
            },
            {
              title: 'Grant "Storage Blob Delegator" instead of "Reader and Data Access"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Account Contributor","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Storage Blob Delegator"]
              `,
            },
            {
              title: 'Grant "Storage Queue Data Reader" instead of "Reader and Data Access"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Account Contributor","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Storage Queue Data Reader"]
              `,
            },
            {
              title: 'Grant "Storage Queue Data Contributor" instead of "Reader and Data Access"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Account Contributor","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Storage Queue Data Contributor"]
              `,
            },
            {
              title:
                'Grant "Storage Queue Data Message Sender" instead of "Reader and Data Access"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Account Contributor","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Storage Queue Data Message Sender"]
              `,
            },
            {
              title:
                'Grant "Storage Queue Data Message Processor" instead of "Reader and Data Access"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Account Contributor","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Storage Queue Data Message Processor"]
              `,
            },
            {
              title: 'Grant "Storage Table Data Reader" instead of "Reader and Data Access"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Account Contributor","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Storage Table Data Reader"]
              `,
            },
            {
              title: 'Grant "Storage Table Data Contributor" instead of "Reader and Data Access"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Account Contributor","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Storage Table Data Contributor"]
              `,
            },
            {
              title:
                'Grant "Storage File Data SMB Share Reader" instead of "Reader and Data Access"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Account Contributor","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Storage File Data SMB Share Reader"]
              `,
            },
            {
              title:
                'Grant "Storage File Data SMB Share Contributor" instead of "Reader and Data Access"',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service st storage
                service cosmos cosmosDb
                access e1 api -> st ["Storage Account Contributor","Contributor"]
                access e2 devs -> cosmos ["5bd9cd88-fe45-4216-938b-f97437e15450"]
                access e3 lost -> st ["Storage File Data SMB Share Contributor"]
              `,
            },
          ],
        },
      ],
    },
  ],
})
