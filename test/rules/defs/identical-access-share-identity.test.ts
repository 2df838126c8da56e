import { identicalAccessShareIdentity } from '@/rules/defs/identical-access-share-identity.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

const R = ['Storage Blob Data Reader']

testRule(identicalAccessShareIdentity, {
  valid: [
    {
      name: 'different grants (role, scope or service)',
      design: design()
        .app('a', { systemAssigned: true })
        .app('b', { systemAssigned: true })
        .app('c', { systemAssigned: true })
        .service('st', 'storage')
        .access('a', 'st', R)
        .access('b', 'st', R, { scope: 'resourceGroup' })
        .access('c', 'st', ['Storage Blob Data Contributor'])
        .build(),
    },
    {
      name: 'developers and empty grant sets do not count',
      design: design()
        .app('a', { systemAssigned: true })
        .app('b', { systemAssigned: true })
        .developer('d1', 'user')
        .service('st', 'storage')
        .access('a', 'st', R)
        .access('d1', 'st', R)
        .access('b', 'st', ['Not A Role'])
        .build(),
    },
  ],
  invalid: [
    {
      name: 'two system-assigned identities with the same grants, from several edges and via a GUID',
      design: design()
        .app('web2', { systemAssigned: true })
        .app('web1', { systemAssigned: true })
        .service('st', 'storage')
        .service('kv', 'keyVault')
        .access('web1', 'st', R)
        .access('web1', 'kv', ['Key Vault Secrets User'])
        .access('web2', 'kv', ['4633458b-17de-408a-b874-0445c86b69e6'])
        .access('web2', 'st', R, { via: 'system' })
        .build(),
      findings: [
        {
          subject: 'web1',
          related: ['web2'],
          message: '2 grants each',
          fixes: [
            {
              title: 'Share one new user-assigned identity "mi-st-kv" among them',
              output: `
                app web2 appService system=false
                app web1 appService system=false
                service st storage
                service kv keyVault
                identity mi-st-kv
                access web1-st web1 -> st ["Storage Blob Data Reader"] via=mi-st-kv
                access web1-kv web1 -> kv ["Key Vault Secrets User"] via=mi-st-kv
                access web2-kv web2 -> kv ["4633458b-17de-408a-b874-0445c86b69e6"] via=mi-st-kv
                access web2-st web2 -> st ["Storage Blob Data Reader"] via=mi-st-kv
                attach web1-mi-st-kv web1 -> mi-st-kv
                attach web2-mi-st-kv web2 -> mi-st-kv
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a user-assigned and a system-assigned identity; two separate groups',
      design: design()
        .app('a', { systemAssigned: true })
        .app('b')
        .app('c', { systemAssigned: true })
        .app('d', { systemAssigned: true })
        .identity('mi')
        .attach('b', 'mi')
        .service('st', 'storage')
        .service('bus', 'serviceBus')
        .access('a', 'st', R)
        .access('b', 'st', R)
        .access('c', 'bus', ['Azure Service Bus Data Sender'])
        .access('d', 'bus', ['Azure Service Bus Data Sender'])
        .build(),
      findings: [
        {
          subject: 'a',
          related: ['mi'],
          fixes: [
            {
              title: 'Share one new user-assigned identity "mi-st" among them',
              output: `
                app a appService system=false
                app b appService
                app c appService system
                app d appService system
                service st storage
                service bus serviceBus
                identity mi-st
                access a-st a -> st ["Storage Blob Data Reader"] via=mi-st
                access b-st b -> st ["Storage Blob Data Reader"] via=mi-st
                access c-bus c -> bus ["Azure Service Bus Data Sender"]
                access d-bus d -> bus ["Azure Service Bus Data Sender"]
                attach a-mi-st a -> mi-st
                attach b-mi-st b -> mi-st
              `,
            },
          ],
        },
        {
          subject: 'c',
          related: ['d'],
          fixes: [
            {
              title: 'Share one new user-assigned identity "mi-bus" among them',
              output: `
                app a appService system
                app b appService
                app c appService system=false
                app d appService system=false
                identity mi
                service st storage
                service bus serviceBus
                identity mi-bus
                attach b-mi b -> mi
                access a-st a -> st ["Storage Blob Data Reader"]
                access b-st b -> st ["Storage Blob Data Reader"]
                access c-bus c -> bus ["Azure Service Bus Data Sender"] via=mi-bus
                access d-bus d -> bus ["Azure Service Bus Data Sender"] via=mi-bus
                attach c-mi-bus c -> mi-bus
                attach d-mi-bus d -> mi-bus
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'the fix keeps identities still attached to other apps, and fits a Logic App',
      design: design()
        .app('flow', { hosting: 'logicApp', systemAssigned: true })
        .app('b')
        .app('idle')
        .identity('mi')
        .attach('b', 'mi')
        .attach('idle', 'mi')
        .service('st', 'storage')
        .access('flow', 'st', R)
        .access('b', 'st', R, { via: 'mi' })
        .build(),
      findings: [
        {
          subject: 'flow',
          related: ['mi'],
          fixes: [
            {
              title: 'Share one new user-assigned identity "mi-st" among them',
              output: `
                app flow logicApp system=false
                app b appService
                app idle appService
                identity mi
                service st storage
                identity mi-st
                attach idle-mi idle -> mi
                access flow-st flow -> st ["Storage Blob Data Reader"] via=mi-st
                access b-st b -> st ["Storage Blob Data Reader"] via=mi-st
                attach flow-mi-st flow -> mi-st
                attach b-mi-st b -> mi-st
              `,
            },
          ],
        },
      ],
    },
  ],
})
