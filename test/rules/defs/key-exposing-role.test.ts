import { keyExposingRole } from '@/rules/defs/key-exposing-role.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

testRule(keyExposingRole, {
  valid: [
    {
      name: 'privileged roles that also expose keys belong to privileged-role',
      design: design()
        .app('api', { systemAssigned: true })
        .service('st', 'storage')
        .access('api', 'st', ['Owner', 'Contributor', 'Storage Blob Data Reader'])
        .build(),
    },
  ],
  invalid: [
    {
      name: 'key-exposing roles, by name and GUID, for apps and developers, resolved or not',
      design: design()
        .app('api', { systemAssigned: true })
        .app('lost')
        .developer('devs')
        .service('st', 'storage')
        .service('cosmos', 'cosmosDb')
        .access('api', 'st', ['Storage Account Contributor', 'Contributor'], { id: 'e1' })
        .access('devs', 'cosmos', ['5bd9cd88-fe45-4216-938b-f97437e15450'], { id: 'e2' })
        .access('lost', 'st', ['Reader and Data Access'], { id: 'e3' })
        .build(),
      findings: [
        { subject: 'e1', message: '"Storage Account Contributor" on "st"', suggestions: 12 },
        { subject: 'e2', suggestions: 2 },
        { subject: 'e3' },
      ],
    },
  ],
})
