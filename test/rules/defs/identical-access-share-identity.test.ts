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
      findings: [{ subject: 'web1', related: ['web2'], fixes: 1, message: '2 grants each' }],
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
        { subject: 'a', related: ['mi'], fixes: 1 },
        { subject: 'c', related: ['d'], fixes: 1 },
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
      findings: [{ subject: 'flow', related: ['mi'], fixes: 1 }],
    },
  ],
})
