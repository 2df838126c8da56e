import { sharedIdentityOvergrant } from '@/rules/defs/shared-identity-overgrant.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

const BLOB = ['Storage Blob Data Contributor']
const SECRETS = ['Key Vault Secrets User']

/** mi shared by api and worker; both need the blob, only api the vault. */
const base = () =>
  design()
    .app('api')
    .app('worker')
    .identity('mi')
    .attach('api', 'mi')
    .attach('worker', 'mi')
    .service('blob', 'storage')
    .service('vault', 'keyVault')
    .access('api', 'blob', BLOB, { via: 'mi' })
    .access('worker', 'blob', BLOB)

testRule(sharedIdentityOvergrant, {
  valid: [
    {
      name: 'every attached app needs every grant',
      design: base().build(),
    },
    {
      name: 'an identity on one app holds whatever that app needs',
      design: design()
        .app('api')
        .identity('mi')
        .attach('api', 'mi')
        .service('vault', 'keyVault')
        .access('api', 'vault', SECRETS)
        .build(),
    },
    {
      name: 'a need through another identity does not count, an unresolved edge grants nothing',
      design: base()
        .app('other', { systemAssigned: true })
        .access('api', 'vault', SECRETS, { via: 'system' })
        .access('other', 'vault', SECRETS, { via: 'system' })
        .build(),
    },
  ],
  invalid: [
    {
      name: "one app's own dependency on a shared identity: move it to its system-assigned identity",
      design: base().access('api', 'vault', SECRETS, { via: 'mi', id: 'e-vault' }).build(),
      findings: [
        {
          subject: 'mi',
          related: ['vault', 'worker'],
          fixes: 1,
          message: 'holds "Key Vault Secrets User" on "vault", which "worker" does not need',
        },
      ],
    },
    {
      name: 'one finding per service; implicit vias are pinned when the app gains an identity',
      design: design()
        .app('api')
        .app('worker')
        .identity('mi')
        .attach('api', 'mi')
        .attach('worker', 'mi')
        .service('blob', 'storage')
        .service('vault', 'keyVault')
        .access('api', 'blob', BLOB)
        .access('api', 'vault', [...SECRETS, 'Key Vault Crypto User'])
        .access('worker', 'blob', ['Storage Blob Data Reader'])
        .build(),
      findings: [
        { subject: 'mi', related: ['vault', 'worker'], fixes: 1 },
        { subject: 'mi', related: ['blob', 'api', 'worker'], fixes: 1 },
      ],
    },
    {
      name: 'a need of two of three apps moves to an identity attached to exactly them (an existing one)',
      design: design()
        .app('a')
        .app('b')
        .app('c')
        .identity('mi')
        .identity('ab')
        .attach('a', 'mi')
        .attach('b', 'mi')
        .attach('c', 'mi')
        .attach('a', 'ab')
        .attach('b', 'ab')
        .service('bus', 'serviceBus')
        .access('a', 'bus', ['Azure Service Bus Data Sender'], { via: 'mi' })
        .access('b', 'bus', ['Azure Service Bus Data Sender'], { via: 'mi' })
        .access('c', 'bus', ['Azure Service Bus Data Receiver'], { via: 'mi' })
        .access('a', 'bus', ['Azure Service Bus Data Receiver'], { via: 'ab' })
        .access('b', 'bus', ['Azure Service Bus Data Receiver'], { via: 'ab' })
        .build(),
      findings: [{ subject: 'mi', related: ['bus', 'a', 'b', 'c'], fixes: 1 }],
    },
    {
      name: 'an AKS workload gets a new identity of its own; a Logic App gets no fix',
      design: design()
        .app('pod', { hosting: 'aksWorkload' })
        .app('flow', { hosting: 'logicApp' })
        .identity('mi')
        .attach('pod', 'mi')
        .attach('flow', 'mi')
        .service('acr', 'containerRegistry')
        .service('blob', 'storage')
        .access('pod', 'acr', ['AcrPull'], { via: 'mi' })
        .access('flow', 'blob', BLOB, { via: 'mi' })
        .build(),
      findings: [
        { subject: 'mi', related: ['acr', 'flow'], fixes: 1 },
        { subject: 'mi', related: ['blob', 'pod'], fixes: 0 },
      ],
    },
  ],
})
