import type { DesignIndex } from '../analysis/design-index.ts'
import { SERVICES } from '../catalog/services.ts'
import type { DesignNode } from '../model/types.ts'
import type { AppSetting } from './types.ts'

export const SINGLE_IDENTITY_SETTING = 'AZURE_CLIENT_ID'
export const PER_CONNECTION_PREFIX = 'MANAGED_IDENTITY_CLIENT_ID_'

/**
 * The setting named after each service kind's word, made once: ten thousand apps name tens of
 * thousands of connections, and a string joined for each was half a megabyte.
 */
const NAME_OF_WORD: ReadonlyMap<string, string> = new Map(
  Object.values(SERVICES).map((fact) => [
    fact.settingWord,
    PER_CONNECTION_PREFIX + fact.settingWord,
  ]),
)

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
    : settingsAt(index, n, new SettingsWork(), (name, identity, at) =>
        at === undefined ? { name, identity } : { name, identity, service: targetOf(index, at) },
      )
}

/**
 * appSettingsFor each app in turn, by node number, as the plan writes them (no service): one
 * work area for all of them.
 */
export function planSettings(index: DesignIndex): (n: number) => AppSetting[] {
  const work = new SettingsWork()
  return (n) => settingsAt(index, n, work, planSetting)
}

const planSetting = (name: string, identity: string): AppSetting => ({ name, identity })

/**
 * The lists settingsAt works in for one app, kept from app to app and read only up to the app's
 * count (a new three per app were most of what the plan's settings allocated; setting `length`
 * lower would give their room back).
 */
class SettingsWork {
  /** The first edge to each service reached through a user-assigned identity, by position. */
  readonly connections: number[] = []
  readonly words: string[] = []
  readonly names: string[] = []
}

/** Where `value` first occurs in `list` from position `from` up to `to`, or -1. */
function indexIn(list: readonly string[], from: number, to: number, value: string): number {
  for (let i = from; i < to; i++) if (list[i] === value) return i
  return -1
}

/**
 * The settings of the app numbered `n`, each made by `make` (the plan walks ten thousand apps:
 * one object per setting, in the shape its caller keeps) from its name, identity and the access
 * edge it is for (its position; none for AZURE_CLIENT_ID): the plan does not read the edge.
 */
function settingsAt<T>(
  index: DesignIndex,
  n: number,
  work: SettingsWork,
  make: (name: string, identity: string, at: number | undefined) => T,
): T[] {
  let only: string | undefined
  let several = false
  let usesSystem = false
  // The app's edges are items[from] up to items[to].
  const { start, items } = index.sourceGroups()
  const from = start[n] as number
  const to = start[n + 1] as number
  const { connections, words, names } = work
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
      if (firstToTarget(index, items, from, j)) connections[count++] = at
    }
  }
  if (only === undefined) return []
  if (!several && !usesSystem) return [make(SINGLE_IDENTITY_SETTING, only, undefined)]

  // An app reaches a handful of services: lists, not a map and a set per app, filled by loops
  // (the plan walks ten thousand apps: no closure per app).
  for (let i = 0; i < count; i++) {
    const at = connections[i] as number
    const node = nodeAt(index, at)
    words[i] =
      node?.kind === 'service' ? SERVICES[node.service].settingWord : envName(targetOf(index, at))
  }
  for (let i = 0; i < count; i++) {
    const at = connections[i] as number
    const word = words[i] as string
    const unique = indexIn(words, 0, i, word) < 0 && indexIn(words, i + 1, count, word) < 0
    names[i] = unique
      ? (NAME_OF_WORD.get(word) ?? PER_CONNECTION_PREFIX + word)
      : `${PER_CONNECTION_PREFIX}${word}_${envName(nodeAt(index, at)?.name ?? targetOf(index, at))}`
  }
  // Two names that normalise alike (kv-a and kv_a) still get distinct settings.
  for (let i = 1; i < count; i++) {
    const name = names[i] as string
    for (let k = 2; indexIn(names, 0, i, names[i] as string) >= 0; k++) names[i] = `${name}_${k}`
  }
  const out = new Array<T>(count)
  for (let i = 0; i < count; i++) {
    const at = connections[i] as number
    out[i] = make(names[i] as string, index.principalNode(index.principalAt[at] as number), at)
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
