import { unusedIdentity } from '@/rules/defs/unused-identity.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

const R = ['Storage Blob Data Reader']

testRule(unusedIdentity, {
  valid: [
    {
      name: 'attached and used, even by an edge with only unknown roles',
      design: design()
        .app('api')
        .identity('mi')
        .attach('api', 'mi')
        .service('st', 'storage')
        .access('api', 'st', ['Nope'])
        .build(),
    },
  ],
  invalid: [
    {
      name: 'attached to no app',
      design: design().identity('mi').build(),
      findings: [{ subject: 'mi', fixes: 1, message: 'attached to no app' }],
    },
    {
      name: 'attached, but every edge uses another identity or does not resolve (reported once)',
      design: design()
        .app('api', { systemAssigned: true })
        .app('b')
        .identity('mi')
        .identity('lost')
        .attach('api', 'mi')
        .service('st', 'storage')
        .access('api', 'st', R, { via: 'system' })
        .access('api', 'st', R)
        .access('b', 'st', R, { via: 'lost' })
        .build(),
      findings: [
        { subject: 'lost', fixes: 1 },
        { subject: 'mi', related: ['api'], fixes: 1, message: 'No access goes through' },
      ],
    },
    {
      name: 'no fix when removing it leaves an app with edges and no identity',
      design: design()
        .app('api')
        .identity('mi')
        .attach('api', 'mi')
        .service('st', 'storage')
        .access('api', 'st', R, { via: 'system' })
        .build(),
      findings: [{ subject: 'mi', fixes: 0 }],
    },
  ],
})
