import { developerPreferGroup } from '@/rules/defs/developer-prefer-group.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

const R = ['Storage Blob Data Reader']

testRule(developerPreferGroup, {
  valid: [
    {
      name: 'different access; groups; users without access',
      design: design()
        .developer('alice', 'user')
        .developer('bob', 'user')
        .developer('g1', 'group')
        .developer('g2', 'group')
        .developer('carol', 'user')
        .developer('dave', 'user')
        .service('st', 'storage')
        .access('alice', 'st', R)
        .access('bob', 'st', R, { scope: 'resourceGroup' })
        .access('g1', 'st', R)
        .access('g2', 'st', R)
        .build(),
    },
  ],
  invalid: [
    {
      name: 'identical grants (role order, GUIDs and split edges do not matter), two groups',
      design: design()
        .developer('zoe', 'user')
        .developer('bob', 'user')
        .developer('amy', 'user')
        .developer('carl', 'user')
        .developer('dan', 'user')
        .service('st', 'storage')
        .service('kv', 'keyVault')
        .access('zoe', 'st', [...R, 'Storage Queue Data Reader'])
        .access('bob', 'st', ['Storage Queue Data Reader'])
        .access('bob', 'st', ['2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'])
        .access('amy', 'st', [...R, 'Storage Queue Data Reader'])
        .access('carl', 'kv', ['Key Vault Secrets User'])
        .access('dan', 'kv', ['Key Vault Secrets User'])
        .build(),
      findings: [
        {
          subject: 'amy',
          related: ['bob', 'zoe'],
          message: '"amy", "bob", "zoe" have identical access',
          fixes: [
            {
              title: 'Replace them with one security group holding their access',
              output: `
                developer carl user
                developer dan user
                service st storage
                service kv keyVault
                developer amy-group group name="Developers: amy, bob, zoe"
                access carl-kv carl -> kv ["Key Vault Secrets User"]
                access dan-kv dan -> kv ["Key Vault Secrets User"]
                access amy-group-st amy-group -> st ["Storage Blob Data Reader","Storage Queue Data Reader"]
              `,
            },
          ],
        },
        {
          subject: 'carl',
          related: ['dan'],
          fixes: [
            {
              title: 'Replace them with one security group holding their access',
              output: `
                developer zoe user
                developer bob user
                developer amy user
                service st storage
                service kv keyVault
                developer carl-group group name="Developers: carl, dan"
                access zoe-st zoe -> st ["Storage Blob Data Reader","Storage Queue Data Reader"]
                access bob-st bob -> st ["Storage Queue Data Reader"]
                access bob-st-2 bob -> st ["2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"]
                access amy-st amy -> st ["Storage Blob Data Reader","Storage Queue Data Reader"]
                access carl-group-kv carl-group -> kv ["Key Vault Secrets User"]
              `,
            },
          ],
        },
      ],
    },
  ],
})
