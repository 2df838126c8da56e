import { broadScope } from '@/rules/defs/broad-scope.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

const R = ['Storage Blob Data Reader']

testRule(broadScope, {
  valid: [
    {
      name: 'resource scope, explicit or by default',
      design: design()
        .app('api', { systemAssigned: true })
        .service('st', 'storage')
        .access('api', 'st', R)
        .access('api', 'st', ['Storage Queue Data Reader'], { scope: 'resource' })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'resource group and subscription scopes, for apps and developers',
      design: design()
        .app('api')
        .developer('devs')
        .service('st', 'storage')
        .access('api', 'st', R, { id: 'e1', scope: 'resourceGroup' })
        .access('devs', 'st', R, { id: 'e2', scope: 'subscription' })
        .build(),
      findings: [
        {
          subject: 'e1',
          message: 'resource group scope',
          related: ['st'],
          fixes: [
            {
              title: 'Grant on "st" only (resource scope)',
              output: `
                app api appService
                developer devs group
                service st storage
                access e1 api -> st ["Storage Blob Data Reader"]
                access e2 devs -> st ["Storage Blob Data Reader"] scope=subscription
              `,
            },
          ],
        },
        {
          subject: 'e2',
          message: 'subscription scope',
          fixes: [
            {
              title: 'Grant on "st" only (resource scope)',
              output: `
                app api appService
                developer devs group
                service st storage
                access e1 api -> st ["Storage Blob Data Reader"] scope=resourceGroup
                access e2 devs -> st ["Storage Blob Data Reader"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'Cosmos DB data roles: the account, a database or a container, never a group',
      design: design()
        .app('api', { systemAssigned: true })
        .service('db', 'cosmosDb')
        .access('api', 'db', ['Cosmos DB Built-in Data Reader'], {
          id: 'e1',
          scope: 'resourceGroup',
        })
        .access('api', 'db', ['Cosmos DB Account Reader Role'], { id: 'e2', scope: 'subscription' })
        .build(),
      findings: [
        {
          subject: 'e1',
          message:
            'Cosmos DB data roles on "db" can only be scoped to the account, one database (/dbs/…) or one container (/dbs/…/colls/…), never a resource group: the plan grants them on the account.',
          fixes: [
            {
              title: 'Grant on "db" only (resource scope)',
              output: `
                app api appService system
                service db cosmosDb
                access e1 api -> db ["Cosmos DB Built-in Data Reader"]
                access e2 api -> db ["Cosmos DB Account Reader Role"] scope=subscription
              `,
            },
          ],
        },
        {
          subject: 'e2',
          message: 'cover every other resource there too',
          fixes: [
            {
              title: 'Grant on "db" only (resource scope)',
              output: `
                app api appService system
                service db cosmosDb
                access e1 api -> db ["Cosmos DB Built-in Data Reader"] scope=resourceGroup
                access e2 api -> db ["Cosmos DB Account Reader Role"]
              `,
            },
          ],
        },
      ],
    },
  ],
})
