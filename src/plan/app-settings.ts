import type { DesignIndex } from '../analysis/design-index.ts'
import { SERVICES } from '../catalog/services.ts'
import type { DesignNode } from '../model/types.ts'
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
  return n === undefined
    ? []
    : settingsAt(index, n, (name, identity, service) =>
        service === undefined ? { name, identity } : { name, identity, service },
      )
}

/** appSettingsFor the app with this node number, as the plan writes them (no service). */
export function appSettingsAt(index: DesignIndex, n: number): AppSetting[] {
  return settingsAt(index, n, planSetting)
}

const planSetting = (name: string, identity: string): AppSetting => ({ name, identity })

/**
 * The settings of the app numbered `n`, each made by `make` (the plan walks ten thousand apps:
 * one object per setting, in the shape its caller keeps).
 */
function settingsAt<T>(
  index: DesignIndex,
  n: number,
  make: (name: string, identity: string, service: string | undefined) => T,
): T[] {
  let only: string | undefined
  let several = false
  let usesSystem = false
  // The app's edges are items[from] up to items[to].
  const { start, items } = index.sourceGroups()
  const from = start[n] as number
  const to = start[n + 1] as number
  let count = 0
  for (let j = from; j < to; j++) {
    const at = items[j] as number
    const p = index.principalAt[at] as number
    if (p < 0) continue
    const type = index.principalType(p)
    if (type === 'systemAssigned') usesSystem = true
    else if (type === 'userAssigned') {
      const identity = index.principalNode(p)
      if (only === undefined) only = identity
      else if (identity !== only) several = true
      if (firstToTarget(index, items, from, j)) count++
    }
  }
  if (only === undefined) return []
  if (!several && !usesSystem) return [make(SINGLE_IDENTITY_SETTING, only, undefined)]
  // The first edge to each service reached through a user-assigned identity, by position: a
  // list sized once (ten thousand apps: one grown by push from empty is a copy or two each).
  const connections = new Array<number>(count)
  for (let j = from, c = 0; j < to; j++) {
    const at = items[j] as number
    const p = index.principalAt[at] as number
    if (p >= 0 && index.principalType(p) === 'userAssigned' && firstToTarget(index, items, from, j))
      connections[c++] = at
  }

  // An app reaches a handful of services: lists, not a map and a set per app, filled by loops
  // (the plan walks ten thousand apps: no closure per app).
  const words = new Array<string>(count)
  for (let i = 0; i < count; i++) {
    const at = connections[i] as number
    const node = nodeAt(index, at)
    words[i] =
      node?.kind === 'service' ? SERVICES[node.service].settingWord : envName(targetOf(index, at))
  }
  const names = new Array<string>(count)
  for (let i = 0; i < count; i++) {
    const at = connections[i] as number
    const word = words[i] as string
    names[i] =
      words.indexOf(word) === words.lastIndexOf(word)
        ? PER_CONNECTION_PREFIX + word
        : `${PER_CONNECTION_PREFIX}${word}_${envName(nodeAt(index, at)?.name ?? targetOf(index, at))}`
  }
  // Two names that normalise alike (kv-a and kv_a) still get distinct settings.
  for (let i = 1; i < count; i++) {
    const name = names[i] as string
    for (let k = 2; names.indexOf(names[i] as string) < i; k++) names[i] = `${name}_${k}`
  }
  const out = new Array<T>(count)
  for (let i = 0; i < count; i++) {
    const at = connections[i] as number
    out[i] = make(
      names[i] as string,
      index.principalNode(index.principalAt[at] as number),
      targetOf(index, at),
    )
  }
  return out
}

/**
 * Is the edge at items[j] the first of items[from] up to it through a user-assigned identity to
 * its target? (An app reaches a handful of services: a look back, not a set per app.)
 */
function firstToTarget(index: DesignIndex, items: Int32Array, from: number, j: number): boolean {
  const t = index.targetAt[items[j] as number] as number
  for (let i = from; i < j; i++) {
    const at = items[i] as number
    const p = index.principalAt[at] as number
    if (index.targetAt[at] === t && p >= 0 && index.principalType(p) === 'userAssigned')
      return false
  }
  return true
}

const targetOf = (index: DesignIndex, at: number): string => index.accessEdge(at).target

/** The node an access edge goes to (undefined for an endpoint that is no node). */
function nodeAt(index: DesignIndex, at: number): DesignNode | undefined {
  const t = index.targetAt[at] as number
  return t < index.nodeCount ? index.design.nodes[t] : undefined
}
