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
      name: 'seven apps with one grant: five named, the rest counted; "1 grant"',
      design: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7']
        .reduce((d, id) => d.app(id, { systemAssigned: true }).access(id, 'st', R), design())
        .service('st', 'storage')
        .build(),
      findings: [
        {
          subject: 'a1',
          related: ['a2', 'a3', 'a4', 'a5', 'a6', 'a7'],
          message:
            'the system-assigned identity of "a1", the system-assigned identity of "a2", the system-assigned identity of "a3", the system-assigned identity of "a4", the system-assigned identity of "a5" and 2 more hold identical access (1 grant each)',
          fixes: [
            {
              title: 'Share one new user-assigned identity "mi-st" among them',
              output: `
                app a1 appService system=false
                app a2 appService system=false
                app a3 appService system=false
                app a4 appService system=false
                app a5 appService system=false
                app a6 appService system=false
                app a7 appService system=false
                service st storage
                identity mi-st
                access a1-st a1 -> st ["Storage Blob Data Reader"] via=mi-st
                access a2-st a2 -> st ["Storage Blob Data Reader"] via=mi-st
                access a3-st a3 -> st ["Storage Blob Data Reader"] via=mi-st
                access a4-st a4 -> st ["Storage Blob Data Reader"] via=mi-st
                access a5-st a5 -> st ["Storage Blob Data Reader"] via=mi-st
                access a6-st a6 -> st ["Storage Blob Data Reader"] via=mi-st
                access a7-st a7 -> st ["Storage Blob Data Reader"] via=mi-st
                attach a1-mi-st a1 -> mi-st
                attach a2-mi-st a2 -> mi-st
                attach a3-mi-st a3 -> mi-st
                attach a4-mi-st a4 -> mi-st
                attach a5-mi-st a5 -> mi-st
                attach a6-mi-st a6 -> mi-st
                attach a7-mi-st a7 -> mi-st
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
