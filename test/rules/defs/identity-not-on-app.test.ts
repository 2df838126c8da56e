import { identityNotOnApp } from '@/rules/defs/identity-not-on-app.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

const R = ['Storage Blob Data Reader']

testRule(identityNotOnApp, {
  valid: [
    {
      name: 'via system with system-assigned on; via an attached identity; no via',
      design: design()
        .app('api', { systemAssigned: true })
        .identity('mi')
        .attach('api', 'mi')
        .service('st', 'storage')
        .access('api', 'st', R, { via: 'system' })
        .access('api', 'st', ['Storage Blob Data Contributor'], { via: 'mi' })
        .access('api', 'st', ['Storage Queue Data Reader'])
        .build(),
    },
    {
      name: 'a developer edge with a via is not an app edge',
      design: design()
        .developer('devs')
        .service('st', 'storage')
        .access('devs', 'st', R, { via: 'system' })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'via system while system-assigned is off',
      design: design()
        .app('api')
        .identity('mi')
        .attach('api', 'mi')
        .service('st', 'storage')
        .access('api', 'st', R, { id: 'e1', via: 'system' })
        .build(),
      findings: [
        {
          subject: 'e1',
          related: ['api'],
          message: 'system-assigned identity',
          fixes: [
            {
              title: 'Enable the system-assigned identity of "api" and use it here',
              output: `
                app api appService system
                identity mi
                service st storage
                attach api-mi api -> mi
                access e1 api -> st ["Storage Blob Data Reader"] via=system
              `,
            },
          ],
          suggestions: [
            {
              title: 'Use identity "mi"',
              output: `
                app api appService
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
      name: 'via an identity that is not attached, and a via naming a service',
      design: design()
        .app('api', { systemAssigned: true })
        .identity('mi')
        .service('st', 'storage')
        .access('api', 'st', R, { id: 'e1', via: 'mi' })
        .access('api', 'st', R, { id: 'e2', via: 'st' })
        .build(),
      findings: [
        {
          subject: 'e1',
          related: ['api', 'mi'],
          message: 'not attached',
          fixes: [
            {
              title: 'Attach identity "mi" to "api" and use it here',
              output: `
                app api appService system
                identity mi
                service st storage
                access e1 api -> st ["Storage Blob Data Reader"] via=mi
                access e2 api -> st ["Storage Blob Data Reader"] via=st
                attach api-mi api -> mi
              `,
            },
          ],
          suggestions: [
            {
              title: 'Use the system-assigned identity',
              output: `
                app api appService system
                identity mi
                service st storage
                access e1 api -> st ["Storage Blob Data Reader"] via=system
                access e2 api -> st ["Storage Blob Data Reader"] via=st
              `,
            },
          ],
        },
        {
          subject: 'e2',
          related: ['api', 'st'],
          message: 'goes through "st", which is a service, not an identity',
          suggestions: [
            {
              title: 'Use the system-assigned identity',
              output: `
                app api appService system
                identity mi
                service st storage
                access e1 api -> st ["Storage Blob Data Reader"] via=mi
                access e2 api -> st ["Storage Blob Data Reader"] via=system
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a Logic App that already has an identity gets no attach fix',
      design: design()
        .app('flow', { hosting: 'logicApp', systemAssigned: true })
        .identity('mi')
        .service('st', 'storage')
        .access('flow', 'st', R, { id: 'e1', via: 'mi' })
        .build(),
      findings: [
        {
          subject: 'e1',
          suggestions: [
            {
              title: 'Use the system-assigned identity',
              output: `
                app flow logicApp system
                identity mi
                service st storage
                access e1 flow -> st ["Storage Blob Data Reader"] via=system
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'an AKS workload cannot enable system-assigned: only suggestions',
      design: design()
        .app('pod', { hosting: 'aksWorkload' })
        .identity('mi')
        .attach('pod', 'mi')
        .service('st', 'storage')
        .access('pod', 'st', R, { id: 'e1', via: 'system' })
        .build(),
      findings: [
        {
          subject: 'e1',
          suggestions: [
            {
              title: 'Use identity "mi"',
              output: `
                app pod aksWorkload
                identity mi
                service st storage
                attach pod-mi pod -> mi
                access e1 pod -> st ["Storage Blob Data Reader"] via=mi
              `,
            },
          ],
        },
      ],
    },
  ],
})
