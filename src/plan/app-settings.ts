import type { DesignIndex } from '../analysis/design-index.ts'
import { SERVICES } from '../catalog/services.ts'
import type { AccessEdge } from '../model/types.ts'
import type { AppSetting } from './types.ts'

export const SINGLE_IDENTITY_SETTING = 'AZURE_CLIENT_ID'
export const PER_CONNECTION_PREFIX = 'MANAGED_IDENTITY_CLIENT_ID_'
const NO_EDGES = new Int32Array(0)

/** `kv-receipts` → `KV_RECEIPTS`: a name safe as an environment variable. */
export function envName(text: string): string {
  const upper = text
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
  return upper === '' ? 'SERVICE' : upper
}

export interface AppConnectionSetting extends AppSetting {
  /** The service the setting is for; absent for AZURE_CLIENT_ID, which covers every client. */
  readonly service?: string
}

/**
 * The client-ID settings an app needs so that DefaultAzureCredential picks the right identity:
 * with exactly one user-assigned identity in use and no system-assigned one, AZURE_CLIENT_ID;
 * with several identities in use, one setting per service reached through a user-assigned
 * identity, named after the service kind (MANAGED_IDENTITY_CLIENT_ID_STORAGE), or after the
 * service itself when the app reaches two services of that kind. Connections through the
 * system-assigned identity need no setting.
 */
export function appSettingsFor(index: DesignIndex, appId: string): AppConnectionSetting[] {
  const connections: { service: string; identity: string }[] = []
  const userAssigned = new Set<string>()
  let usesSystem = false
  // The app's edges by position, read from the index's numbering (no lookups by edge id).
  const n = index.numberOf(appId)
  for (const at of n === undefined ? NO_EDGES : index.edgesFrom(n)) {
    const p = index.principalAt[at] as number
    if (p < 0) continue
    const type = index.principalType(p)
    if (type === 'systemAssigned') usesSystem = true
    else if (type === 'userAssigned') {
      const identity = index.principalNode(p)
      const service = (index.accessEdges[at] as AccessEdge).target
      userAssigned.add(identity)
      if (!connections.some((c) => c.service === service)) connections.push({ service, identity })
    }
  }
  const [only] = userAssigned
  if (only === undefined) return []
  if (userAssigned.size === 1 && !usesSystem)
    return [{ name: SINGLE_IDENTITY_SETTING, identity: only }]

  const wordOf = (serviceId: string): string => {
    const node = index.node(serviceId)
    return node?.kind === 'service' ? SERVICES[node.service].settingWord : envName(serviceId)
  }
  const wordCount = new Map<string, number>()
  for (const c of connections)
    wordCount.set(wordOf(c.service), (wordCount.get(wordOf(c.service)) ?? 0) + 1)
  const taken = new Set<string>()
  return connections.map((c) => {
    const word = wordOf(c.service)
    const suffix =
      (wordCount.get(word) ?? 0) > 1
        ? `${word}_${envName(index.node(c.service)?.name ?? c.service)}`
        : word
    // Two names that normalise alike (kv-a and kv_a) still get distinct settings.
    let name = `${PER_CONNECTION_PREFIX}${suffix}`
    for (let n = 2; taken.has(name); n++) name = `${PER_CONNECTION_PREFIX}${suffix}_${n}`
    taken.add(name)
    return { name, identity: c.identity, service: c.service }
  })
}
