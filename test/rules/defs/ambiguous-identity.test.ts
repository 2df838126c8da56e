import { ambiguousIdentity } from '@/rules/defs/ambiguous-identity.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

const R = ['Storage Blob Data Reader']

testRule(ambiguousIdentity, {
  valid: [
    {
      name: 'one identity and no via',
      design: design()
        .app('api', { systemAssigned: true })
        .service('st', 'storage')
        .access('api', 'st', R)
        .build(),
    },
    {
      name: 'two identities with an explicit via',
      design: design()
        .app('api', { systemAssigned: true })
        .identity('mi')
        .attach('api', 'mi')
        .service('st', 'storage')
        .access('api', 'st', R, { via: 'mi' })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'system-assigned plus an attached identity, no via: one suggestion per identity',
      design: design()
        .app('api', { systemAssigned: true })
        .identity('mi')
        .attach('api', 'mi')
        .service('st', 'storage')
        .access('api', 'st', R, { id: 'e1' })
        .build(),
      findings: [
        {
          subject: 'e1',
          related: ['api'],
          message: '2 identities',
          suggestions: [
            {
              title: 'Use the system-assigned identity',
              output: `
                app api appService system
                identity mi
                service st storage
                attach api-mi api -> mi
                access e1 api -> st ["Storage Blob Data Reader"] via=system
              `,
            },
            {
              title: 'Use identity "mi"',
              output: `
                app api appService system
                identity mi
                service st storage
                attach api-mi api -> mi
                access e1 api -> st ["Storage Blob Data Reader"] via=mi
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'two attached identities (attached twice counts once)',
      design: design()
        .app('api')
        .identity('m1')
        .identity('m2')
        .attach('api', 'm1')
        .attach('api', 'm2')
        .attach('api', 'm2', 'again')
        .service('st', 'storage')
        .access('api', 'st', R, { id: 'e1' })
        .build(),
      findings: [
        {
          subject: 'e1',
          suggestions: [
            {
              title: 'Use identity "m1"',
              output: `
                app api appService
                identity m1
                identity m2
                service st storage
                attach api-m1 api -> m1
                attach api-m2 api -> m2
                attach again api -> m2
                access e1 api -> st ["Storage Blob Data Reader"] via=m1
              `,
            },
            {
              title: 'Use identity "m2"',
              output: `
                app api appService
                identity m1
                identity m2
                service st storage
                attach api-m1 api -> m1
                attach api-m2 api -> m2
                attach again api -> m2
                access e1 api -> st ["Storage Blob Data Reader"] via=m2
              `,
            },
          ],
        },
      ],
    },
  ],
})
