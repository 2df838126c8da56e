import { keyvaultAccessPolicy } from '@/rules/defs/keyvault-access-policy.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

testRule(keyvaultAccessPolicy, {
  valid: [
    {
      name: 'RBAC vaults (explicit or by default); access-policy vaults with control-plane roles only',
      design: design()
        .app('api', { systemAssigned: true })
        .service('kv1', 'keyVault', { permissionModel: 'rbac' })
        .service('kv2', 'keyVault')
        .service('kv3', 'keyVault', { permissionModel: 'accessPolicy' })
        .access('api', 'kv1', ['Key Vault Secrets User'])
        .access('api', 'kv2', ['Key Vault Secrets User'])
        .access('api', 'kv3', ['Reader', 'Key Vault Contributor'])
        .build(),
    },
  ],
  invalid: [
    {
      name: 'one finding per vault, naming every edge (resolved or not)',
      design: design()
        .app('api', { systemAssigned: true })
        .app('lost')
        .developer('devs')
        .service('kv', 'keyVault', { permissionModel: 'accessPolicy' })
        .access('api', 'kv', ['Key Vault Secrets User'], { id: 'e1' })
        .access('lost', 'kv', ['Key Vault Crypto User'], { id: 'e2' })
        .access('devs', 'kv', ['Reader'], { id: 'e3' })
        .build(),
      findings: [
        {
          subject: 'kv',
          related: ['e1', 'e2'],
          message: '"Key Vault Secrets User", "Key Vault Crypto User"',
          fixes: [
            {
              title:
                'Switch "kv" to the Azure RBAC permission model (its access policies stop working)',
              output: `
                app api appService system
                app lost appService
                developer devs group
                service kv keyVault rbac
                access e1 api -> kv ["Key Vault Secrets User"]
                access e2 lost -> kv ["Key Vault Crypto User"]
                access e3 devs -> kv ["Reader"]
              `,
            },
          ],
        },
      ],
    },
  ],
})
