import { missingIdentity } from '@/rules/defs/missing-identity.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

const R = ['Storage Blob Data Reader']

testRule(missingIdentity, {
  valid: [
    {
      name: 'app with its system-assigned identity',
      design: design()
        .app('api', { systemAssigned: true })
        .service('st', 'storage')
        .access('api', 'st', R)
        .build(),
    },
    {
      name: 'app with an attached identity',
      design: design()
        .app('api')
        .identity('mi')
        .attach('api', 'mi')
        .service('st', 'storage')
        .access('api', 'st', R)
        .build(),
    },
    {
      name: 'developer edges never need an app identity',
      design: design().developer('devs').service('st', 'storage').access('devs', 'st', R).build(),
    },
  ],
  invalid: [
    {
      name: 'app without any identity: enable system-assigned, or attach the existing identity',
      design: design()
        .app('api')
        .identity('mi')
        .service('st', 'storage')
        .access('api', 'st', R, { id: 'e1' })
        .build(),
      findings: [
        {
          subject: 'e1',
          related: ['api'],
          fixes: 1,
          suggestions: 1,
          message: '"api" has no managed identity',
        },
      ],
    },
    {
      name: 'every edge of the app, whatever its via; attach the named identity first',
      design: design()
        .app('api')
        .identity('mi')
        .service('st', 'storage')
        .access('api', 'st', R, { id: 'e1', via: 'system' })
        .access('api', 'st', ['Storage Blob Data Contributor'], { id: 'e2', via: 'mi' })
        .build(),
      findings: [
        { subject: 'e1', fixes: 1, suggestions: 1 },
        { subject: 'e2', fixes: 2, suggestions: 0 },
      ],
    },
    {
      name: 'an AKS workload gets no system-assigned fix, only attach suggestions',
      design: design()
        .app('pod', { hosting: 'aksWorkload' })
        .identity('mi')
        .service('st', 'storage')
        .access('pod', 'st', R, { id: 'e1' })
        .build(),
      findings: [{ subject: 'e1', fixes: 0, suggestions: 1 }],
    },
  ],
})
