import { duplicateAccess } from '@/rules/defs/duplicate-access.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

const R = ['Storage Blob Data Reader']

testRule(duplicateAccess, {
  valid: [
    {
      name: 'different roles, scope, target or identity',
      design: design()
        .app('api', { systemAssigned: true })
        .identity('mi')
        .attach('api', 'mi')
        .service('st', 'storage')
        .service('st2', 'storage')
        .access('api', 'st', R, { via: 'system' })
        .access('api', 'st', ['Storage Queue Data Reader'], { via: 'system' })
        .access('api', 'st', R, { via: 'system', scope: 'resourceGroup' })
        .access('api', 'st2', R, { via: 'system' })
        .access('api', 'st', R, { via: 'mi' })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'same resolution written differently; role by GUID; reported on the later edge once',
      design: design()
        .app('api', { systemAssigned: true })
        .service('st', 'storage')
        .access('api', 'st', R, { id: 'e1' })
        .access(
          'api',
          'st',
          ['2a2b9908-6ea1-4ae2-8e65-a410df84e7d1', 'Storage Queue Data Reader'],
          { id: 'e2', via: 'system' },
        )
        .access('api', 'st', ['Storage Queue Data Reader', ...R], { id: 'e3', scope: 'resource' })
        .build(),
      findings: [
        {
          subject: 'e2',
          related: ['e1'],
          fixes: [
            {
              title: 'Merge into the earlier access from "api" to "st"',
              output: `
                app api appService system
                service st storage
                access e1 api -> st ["Storage Blob Data Reader","2a2b9908-6ea1-4ae2-8e65-a410df84e7d1","Storage Queue Data Reader"]
                access e3 api -> st ["Storage Queue Data Reader","Storage Blob Data Reader"] scope=resource
              `,
            },
          ],
        },
        {
          subject: 'e3',
          related: ['e1'],
          fixes: [
            {
              title: 'Merge into the earlier access from "api" to "st"',
              output: `
                app api appService system
                service st storage
                access e1 api -> st ["Storage Blob Data Reader","Storage Queue Data Reader"]
                access e2 api -> st ["2a2b9908-6ea1-4ae2-8e65-a410df84e7d1","Storage Queue Data Reader"] via=system
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'two unresolved edges of one app match; developer edges match each other',
      design: design()
        .app('lost')
        .developer('devs')
        .service('st', 'storage')
        .access('lost', 'st', R, { id: 'e1', via: 'system' })
        .access('lost', 'st', R, { id: 'e2', via: 'nowhere' })
        .access('devs', 'st', R, { id: 'e3' })
        .access('devs', 'st', R, { id: 'e4', via: 'system' })
        .build(),
      findings: [
        {
          subject: 'e2',
          related: ['e1'],
          fixes: [
            {
              title: 'Merge into the earlier access from "lost" to "st"',
              output: `
                app lost appService
                developer devs group
                service st storage
                access e1 lost -> st ["Storage Blob Data Reader"] via=system
                access e3 devs -> st ["Storage Blob Data Reader"]
                access e4 devs -> st ["Storage Blob Data Reader"] via=system
              `,
            },
          ],
        },
        {
          subject: 'e4',
          related: ['e3'],
          fixes: [
            {
              title: 'Merge into the earlier access from "devs" to "st"',
              output: `
                app lost appService
                developer devs group
                service st storage
                access e1 lost -> st ["Storage Blob Data Reader"] via=system
                access e2 lost -> st ["Storage Blob Data Reader"] via=nowhere
                access e3 devs -> st ["Storage Blob Data Reader"]
              `,
            },
          ],
        },
      ],
    },
  ],
})
