import { describe, expect, it } from 'vitest'
import { connectionGuide } from '@/guide/derive-guide.ts'
import type { HostingKind, ServiceKind } from '@/model/kinds.ts'
import { design } from '../support/builder.ts'

/** The guide's notes on `service` for an app of `hosting` holding `roles` through `via`. */
function notesOn(
  service: ServiceKind,
  roles: string[],
  via: 'system' | 'user',
  hosting: HostingKind = 'functionApp',
): string[] {
  const d = design()
    .app('fn', { hosting, systemAssigned: true })
    .identity('mi-orders', { name: 'mi-orders' })
    .attach('fn', 'mi-orders')
    .service('svc', service, { name: 'orders' })
    .access('fn', 'svc', roles, { via: via === 'system' ? 'system' : 'mi-orders' })
    .build()
  return connectionGuide(d).apps[0]!.notes.filter((n) => n.includes('trigger or binding'))
}

describe('a Function App is told that triggers and bindings connect through app settings', () => {
  it('Service Bus through the system-assigned identity: the namespace only', () => {
    expect(notesOn('serviceBus', ['Azure Service Bus Data Receiver'], 'system')).toEqual([
      'orders: a trigger or binding on it connects through app settings, not through this code: give the binding a connection prefix and set <prefix>__fullyQualifiedNamespace to orders.servicebus.windows.net.',
    ])
  })

  it('through a user-assigned identity: __credential and __clientId as well, naming the setting that holds the client ID', () => {
    const [note] = notesOn('eventHubs', ['Azure Event Hubs Data Receiver'], 'user')
    expect(note).toMatch(
      /^orders: a trigger or binding on it connects through app settings, not through this code: give the binding a connection prefix and set <prefix>__fullyQualifiedNamespace to orders\.servicebus\.windows\.net, <prefix>__credential to managedidentity, <prefix>__clientId to the identity's client ID \(the value of [A-Z_]+\)\.$/,
    )
  })

  it('Storage: the service URIs of the parts its roles reach; Cosmos DB: the account endpoint', () => {
    expect(
      notesOn('storage', ['Storage Blob Data Owner', 'Storage Queue Data Contributor'], 'system'),
    ).toEqual([
      'orders: a trigger or binding on it connects through app settings, not through this code: give the binding a connection prefix and set <prefix>__blobServiceUri to https://orders.blob.core.windows.net, <prefix>__queueServiceUri to https://orders.queue.core.windows.net.',
    ])
    expect(notesOn('cosmosDb', ['Cosmos DB Built-in Data Contributor'], 'system')).toEqual([
      'orders: a trigger or binding on it connects through app settings, not through this code: give the binding a connection prefix and set <prefix>__accountEndpoint to https://orders.documents.azure.com:443/.',
    ])
  })

  it('not for other hosts, nor for services without such bindings', () => {
    expect(
      notesOn('serviceBus', ['Azure Service Bus Data Receiver'], 'system', 'appService'),
    ).toEqual([])
    expect(notesOn('keyVault', ['Key Vault Secrets User'], 'system')).toEqual([])
  })
})
