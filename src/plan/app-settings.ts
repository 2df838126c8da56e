import type { DesignIndex } from '../analysis/design-index.ts'
import { SERVICES } from '../catalog/services.ts'
import type { AccessEdge } from '../model/types.ts'
import type { AppSetting } from './types.ts'

export const SINGLE_IDENTITY_SETTING = 'AZURE_CLIENT_ID'
export const PER_CONNECTION_PREFIX = 'MANAGED_IDENTITY_CLIENT_ID_'

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
  const n = index.numberOf(appId)
  return n === undefined ? [] : appSettingsAt(index, n)
}

/** appSettingsFor the app with this node number (the plan walks nodes by number: no lookups). */
export function appSettingsAt(index: DesignIndex, n: number): AppConnectionSetting[] {
  // The first edge to each service reached through a user-assigned identity, by position.
  const connections: number[] = []
  let only: string | undefined
  let several = false
  let usesSystem = false
  const { start, items } = index.sourceGroups()
  for (let j = start[n] as number; j < (start[n + 1] as number); j++) {
    const at = items[j] as number
    const p = index.principalAt[at] as number
    if (p < 0) continue
    const type = index.principalType(p)
    if (type === 'systemAssigned') usesSystem = true
    else if (type === 'userAssigned') {
      const identity = index.principalNode(p)
      if (only === undefined) only = identity
      else if (identity !== only) several = true
      const service = index.targetAt[at] as number
      if (!connections.some((c) => index.targetAt[c] === service)) connections.push(at)
    }
  }
  if (only === undefined) return []
  if (!several && !usesSystem) return [{ name: SINGLE_IDENTITY_SETTING, identity: only }]

  // Each connection's service node (undefined for an endpoint that is no node) and word.
  const services = connections.map((at) => {
    const t = index.targetAt[at] as number
    return t < index.nodeCount ? index.design.nodes[t] : undefined
  })
  const words = connections.map((at, i) => {
    const node = services[i]
    return node?.kind === 'service'
      ? SERVICES[node.service].settingWord
      : envName((index.accessEdges[at] as AccessEdge).target)
  })
  // An app reaches a handful of services: lists, not a map and a set per app.
  const shared = (word: string): boolean => words.indexOf(word) !== words.lastIndexOf(word)
  const taken: string[] = []
  return connections.map((at, i) => {
    const service = (index.accessEdges[at] as AccessEdge).target
    const identity = index.principalNode(index.principalAt[at] as number)
    const word = words[i] as string
    const suffix = shared(word) ? `${word}_${envName(services[i]?.name ?? service)}` : word
    // Two names that normalise alike (kv-a and kv_a) still get distinct settings.
    let name = `${PER_CONNECTION_PREFIX}${suffix}`
    for (let k = 2; taken.includes(name); k++) name = `${PER_CONNECTION_PREFIX}${suffix}_${k}`
    taken.push(name)
    return { name, identity, service }
  })
}
