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

/** `count` apps sharing identity mi, each reading blob through it but app number `without`. */
function manyApps(count: number, without: number) {
  const d = design().identity('mi').service('blob', 'storage')
  for (let i = 0; i < count; i++) d.app(`a${i}`).attach(`a${i}`, 'mi')
  for (let i = 0; i < count; i++) if (i !== without) d.access(`a${i}`, 'blob', BLOB, { via: 'mi' })
  return d.build()
}

/** manyApps(count, without) after the blob access moved to a new identity mi-blob. */
function movedToNew(count: number, without: number): string {
  const apps = Array.from({ length: count }, (_, i) => `a${i}`)
  const needing = apps.filter((_, i) => i !== without)
  const blob = '["Storage Blob Data Contributor"]'
  return [
    'identity mi',
    'service blob storage',
    ...apps.map((a) => `app ${a} appService`),
    'identity mi-blob',
    ...apps.map((a) => `attach ${a}-mi ${a} -> mi`),
    ...needing.map((a) => `access ${a}-blob ${a} -> blob ${blob} via=mi-blob`),
    // New attach edges come in the order of the apps' ids.
    ...[...needing].sort().map((a) => `attach ${a}-mi-blob ${a} -> mi-blob`),
  ].join('\n')
}

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
          message: 'holds "Key Vault Secrets User" on "vault", which "worker" does not need',
          fixes: [
            {
              title: 'Move the access to "vault" to the system-assigned identity of "api"',
              output: `
                app api appService system
                app worker appService
                identity mi
                service blob storage
                service vault keyVault
                attach api-mi api -> mi
                attach worker-mi worker -> mi
                access api-blob api -> blob ["Storage Blob Data Contributor"] via=mi
                access worker-blob worker -> blob ["Storage Blob Data Contributor"]
                access e-vault api -> vault ["Key Vault Secrets User"] via=system
              `,
            },
          ],
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
        {
          subject: 'mi',
          related: ['vault', 'worker'],
          fixes: [
            {
              title: 'Move the access to "vault" to the system-assigned identity of "api"',
              output: `
                app api appService system
                app worker appService
                identity mi
                service blob storage
                service vault keyVault
                attach api-mi api -> mi
                attach worker-mi worker -> mi
                access api-blob api -> blob ["Storage Blob Data Contributor"] via=mi
                access api-vault api -> vault ["Key Vault Secrets User","Key Vault Crypto User"] via=system
                access worker-blob worker -> blob ["Storage Blob Data Reader"]
              `,
            },
          ],
        },
        {
          subject: 'mi',
          related: ['blob', 'api', 'worker'],
          fixes: [
            {
              title:
                'Move the access to "blob" to the system-assigned identity of "api" and the system-assigned identity of "worker"',
              output: `
                app api appService system
                app worker appService system
                identity mi
                service blob storage
                service vault keyVault
                attach api-mi api -> mi
                attach worker-mi worker -> mi
                access api-blob api -> blob ["Storage Blob Data Contributor"] via=system
                access api-vault api -> vault ["Key Vault Secrets User","Key Vault Crypto User"] via=mi
                access worker-blob worker -> blob ["Storage Blob Data Reader"] via=system
              `,
            },
          ],
        },
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
      findings: [
        {
          subject: 'mi',
          related: ['bus', 'a', 'b', 'c'],
          fixes: [
            {
              title:
                'Move the access to "bus" to identity "ab" and the system-assigned identity of "c"',
              output: `
                app a appService
                app b appService
                app c appService system
                identity mi
                identity ab
                service bus serviceBus
                attach a-mi a -> mi
                attach b-mi b -> mi
                attach c-mi c -> mi
                attach a-ab a -> ab
                attach b-ab b -> ab
                access a-bus a -> bus ["Azure Service Bus Data Sender"] via=ab
                access b-bus b -> bus ["Azure Service Bus Data Sender"] via=ab
                access c-bus c -> bus ["Azure Service Bus Data Receiver"] via=system
                access a-bus-2 a -> bus ["Azure Service Bus Data Receiver"] via=ab
                access b-bus-2 b -> bus ["Azure Service Bus Data Receiver"] via=ab
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'an identity shared by more than 32 apps: the one app without the need is named',
      design: manyApps(34, 33),
      findings: [
        {
          subject: 'mi',
          related: ['blob', 'a33'],
          message:
            'shared by 34 apps, holds "Storage Blob Data Contributor" on "blob", which "a33" does not need',
          fixes: [
            {
              title: 'Move the access to "blob" to identity "mi-blob"',
              output: movedToNew(34, 33),
            },
          ],
        },
      ],
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
        {
          subject: 'mi',
          related: ['acr', 'flow'],
          fixes: [
            {
              title: 'Move the access to "acr" to identity "mi-acr"',
              output: `
                app pod aksWorkload
                app flow logicApp
                identity mi
                service acr containerRegistry
                service blob storage
                identity mi-acr
                attach pod-mi pod -> mi
                attach flow-mi flow -> mi
                access pod-acr pod -> acr ["AcrPull"] via=mi-acr
                access flow-blob flow -> blob ["Storage Blob Data Contributor"] via=mi
                attach pod-mi-acr pod -> mi-acr
              `,
            },
          ],
        },
        { subject: 'mi', related: ['blob', 'pod'] },
      ],
    },
  ],
})
