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
          message: '"api" has no managed identity',
          fixes: [
            {
              title: 'Enable the system-assigned identity of "api" and use it here',
              output: `
                app api appService system
                identity mi
                service st storage
                access e1 api -> st ["Storage Blob Data Reader"]
              `,
            },
          ],
          suggestions: [
            {
              title: 'Attach identity "mi" to "api" and use it here',
              output: `
                app api appService
                identity mi
                service st storage
                access e1 api -> st ["Storage Blob Data Reader"]
                attach api-mi api -> mi
              `,
            },
          ],
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
        {
          subject: 'e1',
          fixes: [
            {
              title: 'Enable the system-assigned identity of "api" and use it here',
              output: `
                app api appService system
                identity mi
                service st storage
                access e1 api -> st ["Storage Blob Data Reader"] via=system
                access e2 api -> st ["Storage Blob Data Contributor"] via=mi
              `,
            },
          ],
          suggestions: [
            {
              title: 'Attach identity "mi" to "api" and use it here',
              output: `
                app api appService
                identity mi
                service st storage
                access e1 api -> st ["Storage Blob Data Reader"] via=mi
                access e2 api -> st ["Storage Blob Data Contributor"] via=mi
                attach api-mi api -> mi
              `,
            },
          ],
        },
        {
          subject: 'e2',
          fixes: [
            {
              title: 'Attach identity "mi" to "api" and use it here',
              output: `
                app api appService
                identity mi
                service st storage
                access e1 api -> st ["Storage Blob Data Reader"] via=system
                access e2 api -> st ["Storage Blob Data Contributor"] via=mi
                attach api-mi api -> mi
              `,
            },
            {
              title: 'Enable the system-assigned identity of "api" and use it here',
              output: `
                app api appService system
                identity mi
                service st storage
                access e1 api -> st ["Storage Blob Data Reader"] via=system
                access e2 api -> st ["Storage Blob Data Contributor"] via=system
              `,
            },
          ],
        },
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
      findings: [
        {
          subject: 'e1',
          suggestions: [
            {
              title: 'Attach identity "mi" to "pod" and use it here',
              output: `
                app pod aksWorkload
                identity mi
                service st storage
                access e1 pod -> st ["Storage Blob Data Reader"]
                attach pod-mi pod -> mi
              `,
            },
          ],
        },
      ],
    },
  ],
})
