import { redundantRole } from '@/rules/defs/redundant-role.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

testRule(redundantRole, {
  valid: [
    {
      name: 'same role twice is not subsumption; other scope, service or principal does not count',
      design: design()
        .app('api', { systemAssigned: true })
        .app('web', { systemAssigned: true })
        .service('st', 'storage')
        .service('st2', 'storage')
        .access('api', 'st', ['Storage Blob Data Reader'])
        .access('api', 'st', ['Storage Blob Data Reader'])
        .access('api', 'st', ['Storage Blob Data Contributor'], { scope: 'resourceGroup' })
        .access('api', 'st2', ['Storage Blob Data Owner'])
        .access('web', 'st', ['Storage Blob Data Owner'], { scope: 'subscription' })
        .build(),
    },
    {
      name: 'unresolved edges hold nothing',
      design: design()
        .app('api')
        .service('st', 'storage')
        .access('api', 'st', ['Storage Blob Data Contributor', 'Storage Blob Data Reader'])
        .build(),
    },
  ],
  invalid: [
    {
      name: 'within one edge (dropped) and across edges (edge removed), transitively',
      design: design()
        .app('api', { systemAssigned: true })
        .service('st', 'storage')
        .access('api', 'st', ['Storage Blob Data Contributor', 'Storage Blob Data Reader'], {
          id: 'e1',
        })
        .access('api', 'st', ['Storage Blob Data Reader'], { id: 'e2', via: 'system' })
        .access('api', 'st', ['Storage Blob Data Owner'], { id: 'e3' })
        .build(),
      findings: [
        {
          subject: 'e1',
          related: ['e3'],
          message: '"Storage Blob Data Contributor", "Storage Blob Data Reader" adds nothing',
          fixes: [
            {
              title:
                'Remove this access ("Storage Blob Data Contributor", "Storage Blob Data Reader" is already covered)',
              output: `
                app api appService system
                service st storage
                access e2 api -> st ["Storage Blob Data Reader"] via=system
                access e3 api -> st ["Storage Blob Data Owner"]
              `,
            },
          ],
        },
        {
          subject: 'e2',
          related: ['e1', 'e3'],
          fixes: [
            {
              title: 'Remove this access ("Storage Blob Data Reader" is already covered)',
              output: `
                app api appService system
                service st storage
                access e1 api -> st ["Storage Blob Data Contributor","Storage Blob Data Reader"]
                access e3 api -> st ["Storage Blob Data Owner"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'developers too, and Owner over Contributor',
      design: design()
        .developer('devs')
        .service('kv', 'keyVault')
        .access('devs', 'kv', ['Owner', 'Contributor'], { id: 'e1' })
        .build(),
      findings: [
        {
          subject: 'e1',
          related: [],
          message: '"Contributor"',
          fixes: [
            {
              title: 'Drop "Contributor"',
              output: `
                developer devs group
                service kv keyVault
                access e1 devs -> kv ["Owner"]
              `,
            },
          ],
        },
      ],
    },
  ],
})
