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
      findings: [
        {
          subject: 'mi',
          message: 'attached to no app',
          fixes: [
            {
              title: 'Remove identity "mi"',
              output: `

              `,
            },
          ],
        },
      ],
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
        {
          subject: 'lost',
          fixes: [
            {
              title: 'Remove identity "lost"',
              output: `
                app api appService system
                app b appService
                identity mi
                service st storage
                attach api-mi api -> mi
                access api-st api -> st ["Storage Blob Data Reader"] via=system
                access api-st-2 api -> st ["Storage Blob Data Reader"]
                access b-st b -> st ["Storage Blob Data Reader"] via=lost
              `,
            },
          ],
        },
        {
          subject: 'mi',
          related: ['api'],
          message: 'No access goes through',
          fixes: [
            {
              title: 'Remove identity "mi"',
              output: `
                app api appService system
                app b appService
                identity lost
                service st storage
                access api-st api -> st ["Storage Blob Data Reader"] via=system
                access api-st-2 api -> st ["Storage Blob Data Reader"]
                access b-st b -> st ["Storage Blob Data Reader"] via=lost
              `,
            },
          ],
        },
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
      findings: [{ subject: 'mi' }],
    },
  ],
})
