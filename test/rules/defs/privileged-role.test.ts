import { privilegedRole } from '@/rules/defs/privileged-role.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

testRule(privilegedRole, {
  valid: [
    {
      name: 'data roles, a custom role, and key-exposing roles that are not privileged',
      design: design()
        .app('api', { systemAssigned: true })
        .service('st', 'storage')
        .access('api', 'st', [
          'Storage Blob Data Owner',
          '11111111-2222-3333-4444-555555555555',
          'Storage Account Contributor',
        ])
        .build(),
    },
  ],
  invalid: [
    {
      name: 'Owner and Contributor on one edge: one finding; by GUID too; unresolved edges count',
      design: design()
        .app('api', { systemAssigned: true })
        .app('lost')
        .service('st', 'storage')
        .service('db', 'sql')
        .access('api', 'st', ['Owner', 'Contributor'], { id: 'e1' })
        .access('api', 'st', ['18d7d88d-d35e-4fb5-a5c3-7773c20a72d9'], { id: 'e2' })
        .access('lost', 'db', ['db_owner'], { id: 'e3' })
        .build(),
      findings: [
        {
          subject: 'e1',
          message: '"Owner", "Contributor"',
          related: ['api', 'st'],
          suggestions: 12,
        },
        { subject: 'e2' },
        { subject: 'e3', suggestions: 3 },
      ],
    },
    {
      name: "a developer's privileged role is a warning",
      design: design()
        .developer('devs')
        .service('kv', 'keyVault')
        .access('devs', 'kv', ['Role Based Access Control Administrator'], { id: 'e1' })
        .build(),
      findings: [{ subject: 'e1', severity: 'warning' }],
    },
  ],
})
