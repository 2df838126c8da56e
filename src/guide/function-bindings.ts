import { PUBLIC_CLOUD_NAME, storageEndpoint, type CloudName } from '../catalog/clouds.ts'
import type { ServiceKind } from '../model/kinds.ts'
import type { GuideConnection } from './types.ts'

type Connection = Pick<
  GuideConnection,
  'serviceName' | 'serviceKind' | 'resourceName' | 'endpoint' | 'credential' | 'roles'
>

/** The app settings under a binding's connection prefix that name the service, by kind. */
const SERVICE_SETTINGS: Partial<
  Record<ServiceKind, (c: Connection, cloud: CloudName) => string[]>
> = {
  serviceBus: (c) => [`__fullyQualifiedNamespace to ${c.endpoint}`],
  eventHubs: (c) => [`__fullyQualifiedNamespace to ${c.endpoint}`],
  cosmosDb: (c) => [`__accountEndpoint to ${c.endpoint}`],
  storage: (c, cloud) =>
    (['blob', 'queue', 'table'] as const)
      .filter((part) => c.roles.some((r) => r.toLowerCase().includes(part)))
      .map((part) => `__${part}ServiceUri to ${storageEndpoint(c.resourceName, part, cloud)}`),
}

/**
 * A Function App's triggers and bindings do not use the code's credential: the Functions host
 * connects with app settings under the binding's `connection` prefix, and takes the
 * system-assigned identity unless `__credential` is managedidentity with a `__clientId` (Learn,
 * "Azure Functions developer guide: connections", common properties for identity-based
 * connections; the Service Bus, Event Hubs, Storage and Cosmos DB extensions' connection
 * includes). Undefined for services no binding connects to this way.
 */
export function functionBindingNote(
  c: Connection,
  cloud: CloudName = PUBLIC_CLOUD_NAME,
): string | undefined {
  const settings = SERVICE_SETTINGS[c.serviceKind]?.(c, cloud) ?? []
  if (settings.length === 0) return undefined
  const names = settings.map((s) => `<prefix>${s}`)
  if (c.credential.identity !== 'system')
    names.push(
      '<prefix>__credential to managedidentity',
      `<prefix>__clientId to the identity's client ID${c.credential.setting ? ` (the value of ${c.credential.setting})` : ''}`,
    )
  return `${c.serviceName}: a trigger or binding on it connects through app settings, not through this code: give the binding a connection prefix and set ${names.join(', ')}.`
}
