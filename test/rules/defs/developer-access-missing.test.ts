import { developerAccessMissing } from '@/rules/defs/developer-access-missing.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

const R = ['Storage Blob Data Reader']

testRule(developerAccessMissing, {
  valid: [
    {
      name: 'a developer reaches every service apps reach (any role); unused services',
      design: design()
        .app('api', { systemAssigned: true })
        .developer('devs')
        .service('st', 'storage')
        .service('idle', 'keyVault')
        .access('api', 'st', R)
        .access('devs', 'st', ['Reader'])
        .build(),
    },
  ],
  invalid: [
    {
      name: 'apps reach the service, resolved or not, and no developer does',
      design: design()
        .app('api', { systemAssigned: true })
        .app('lost')
        .developer('devs')
        .service('st', 'storage')
        .service('kv', 'keyVault')
        .access('api', 'st', R)
        .access('lost', 'st', R)
        .access('lost', 'kv', ['Key Vault Secrets User'])
        .access('api', 'st', ['Storage Queue Data Reader'])
        .build(),
      findings: [
        { subject: 'kv', related: ['lost'] },
        { subject: 'st', related: ['api', 'lost'], message: 'no developer does' },
      ],
    },
  ],
})
