import { compareOrdinal } from '../../lib/compare.ts'
import { SYSTEM_VIA } from '../../model/kinds.ts'
import type { Edit } from '../../model/edits.ts'
import type { AppNode } from '../../model/types.ts'
import { edgePartEdits, edgeParts } from '../../optimize/edge-parts.ts'
import type { Fixer } from '../fixer.ts'
import type { Fix } from '../types.ts'
import { pinImplicitVias } from './identity-fixes.ts'
import { splitAddsNoError } from './role-fixes.ts'
import { addIdentity } from './new-identity.ts'
import { messageQuote } from '../../lib/encode/message.ts'

/** A grant of a shared identity that not every attached app needs: `key` is its triple (DesignIndex.triples). */
export interface Overgrant {
  readonly key: number
  readonly role: string
  readonly apps: ReadonlySet<string>
}

interface Target {
  readonly apps: readonly string[]
  readonly keys: number[]
  via?: string
}

/**
 * Moves each over-granted grant of `identity` on `service` to the apps that need it: a single
 * app's system-assigned identity (a dedicated identity for an AKS workload), or an identity
 * attached to exactly the needing apps (an existing one when there is one, else a new one).
 * Undefined when an app would exceed its hosting's identity limit (Logic Apps).
 */
export function moveGrantsFix(
  fixer: Fixer,
  identity: string,
  service: string,
  over: readonly Overgrant[],
): Fix | undefined {
  const { index } = fixer
  const targets = new Map<string, Target>()
  for (const o of over) {
    const apps = [...o.apps].sort(compareOrdinal)
    const key = apps.join('\u0000')
    const target = targets.get(key) ?? { apps, keys: [] }
    target.keys.push(o.key)
    targets.set(key, target)
  }
  // Decide every target first: a fix that would break a hosting limit is not offered at all.
  const gaining = new Map<AppNode, boolean>()
  const creating: Target[] = []
  for (const target of targets.values()) {
    const [only] = target.apps
    const app = target.apps.length === 1 && only !== undefined ? index.app(only) : undefined
    if (app && app.hosting !== 'aksWorkload') {
      target.via = SYSTEM_VIA
      if (!app.systemAssigned) gaining.set(app, true)
      continue
    }
    target.via = attachedToExactly(fixer, target.apps, identity)
    if (target.via !== undefined) continue
    creating.push(target)
    for (const id of target.apps) {
      const a = index.app(id)
      if (a && !gaining.has(a)) gaining.set(a, false)
    }
  }
  for (const [app, system] of gaining) if (!fixer.canAddIdentity(app, system)) return undefined

  const edits: Edit[] = []
  const ids = fixer.newIds()
  for (const target of creating) target.via = addIdentity(fixer, ids, [service], target.apps, edits)
  const viaOfKey = new Map<number, string>()
  for (const target of targets.values())
    for (const key of target.keys) viaOfKey.set(key, target.via as string)
  for (const [app, system] of gaining)
    if (system) edits.push({ type: 'updateNode', id: app.id, set: { systemAssigned: true } })

  const rewritten = new Set<string>()
  const partEdits: Edit[] = []
  const tripleAt = index.triples().at
  for (const appId of index.appsOf(identity)) {
    const from = fixer.edgesFrom(appId)
    for (let k = 0; k < from.length; k++) {
      const at = from[k] as number
      const edge = index.accessEdge(at)
      if (edge.target !== service || fixer.currentVia(at) !== identity) continue
      // Role i of the edge is role slot `first + i`: its triple says where it goes.
      const first = index.roleStart[at] as number
      const parts = edgeParts(
        edge,
        (_role, i) => {
          const triple = tripleAt[first + i] as number
          return triple < 0 ? identity : (viaOfKey.get(triple) ?? identity)
        },
        identity,
      )
      if (!splitAddsNoError(parts, fixer.serviceKind(service))) return undefined
      rewritten.add(edge.id)
      edgePartEdits(edge, parts, ids, partEdits)
    }
  }
  for (const app of gaining.keys())
    edits.push(
      ...pinImplicitVias(fixer, app).filter((e) => e.type !== 'updateEdge' || !rewritten.has(e.id)),
    )
  edits.push(...partEdits)
  const where = [...targets.values()].map((t) =>
    t.via === SYSTEM_VIA
      ? `the system-assigned identity of ${fixer.label(t.apps[0] as string)}`
      : `identity ${messageQuote(t.via as string)}`,
  )
  return { title: `Move the access to ${fixer.label(service)} to ${where.join(' and ')}`, edits }
}

/** An identity other than `except` attached to exactly these apps (sorted), if any. */
function attachedToExactly(
  fixer: Fixer,
  apps: readonly string[],
  except: string,
): string | undefined {
  const [first] = apps
  if (first === undefined) return undefined
  for (const candidate of fixer.index.attachedIdentities(first)) {
    if (candidate === except) continue
    const attached = [...fixer.index.appsOf(candidate)].sort(compareOrdinal)
    if (attached.length === apps.length && attached.every((a, i) => a === apps[i])) return candidate
  }
  return undefined
}
