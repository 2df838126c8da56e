import type { Design, DesignEdge, DesignNode } from '../../model/types.ts'
import type { Finding } from '../../rules/types.ts'
import { kindLabel } from './names.ts'

/** Above this many changes of one sort, an announcement counts them instead of naming each. */
const NAME_AT_MOST = 3

/**
 * What a screen reader user hears after an edit (or an undo): nodes added, removed or renamed,
 * connections made or removed, findings that appeared or were fixed. Pure: two versions of the
 * design in, sentences out. Moving nodes says nothing.
 */
export function describeChanges(
  before: { readonly design: Design; readonly findings: readonly Finding[] },
  after: { readonly design: Design; readonly findings: readonly Finding[] },
): string[] {
  // Names are looked up for the few changes named, so the map is made on first use.
  let names: Map<string, string> | undefined
  const nameOf = (id: string): string => {
    if (!names) {
      names = new Map()
      for (const n of before.design.nodes) names.set(n.id, n.name)
      for (const n of after.design.nodes) names.set(n.id, n.name)
    }
    return names.get(id) ?? id
  }
  const out: string[] = []

  const nodes = diff(before.design.nodes, after.design.nodes)
  say(
    out,
    nodes.added,
    (n) => `Added ${kindLabel(n)} ${n.name}`,
    (k) => `Added ${k} nodes`,
  )
  say(
    out,
    nodes.removed,
    (n) => `Deleted ${n.name}`,
    (k) => `Deleted ${k} nodes`,
  )
  say(
    out,
    nodes.changed.filter(([a, b]) => a.name !== b.name),
    ([a, b]) => `Renamed ${a.name} to ${b.name}`,
    (k) => `Renamed ${k} nodes`,
  )
  say(
    out,
    nodes.changed.filter(
      ([a, b]) => a.kind === 'app' && b.kind === 'app' && !!a.systemAssigned !== !!b.systemAssigned,
    ),
    ([, b]) =>
      `System-assigned identity of ${b.name} ${b.kind === 'app' && b.systemAssigned ? 'on' : 'off'}`,
    (k) => `System-assigned identity changed on ${k} apps`,
  )

  const edges = diff(before.design.edges, after.design.edges)
  const link = (e: DesignEdge): string =>
    e.kind === 'attach'
      ? `${nameOf(e.source)} uses identity ${nameOf(e.target)}`
      : `${nameOf(e.source)} to ${nameOf(e.target)}`
  say(
    out,
    edges.added,
    (e) => `Connected ${link(e)}`,
    (k) => `Added ${k} connections`,
  )
  say(
    out,
    edges.removed,
    (e) => `Removed connection ${link(e)}`,
    (k) => `Removed ${k} connections`,
  )
  say(
    out,
    edges.changed,
    ([, e]) => `Changed ${link(e)}`,
    (k) => `Changed ${k} connections`,
  )

  const findings = findingChanges(before.findings, after.findings)
  // A finding that went with its deleted subject was not fixed: the deletion says enough.
  const exists = present(after.design, findings.fixed)
  const fixed = findings.fixed.filter((f) => f.subject === null || exists.has(f.subject))
  const where = (f: Finding): string =>
    f.subject === null ? 'the design' : nameOf(subjectNode(before.design, after.design, f.subject))
  say(
    out,
    findings.added,
    (f) => `New ${f.severity === 'info' ? 'suggestion' : f.severity}: ${f.rule} on ${where(f)}`,
    (k) => `${k} new findings`,
  )
  say(
    out,
    fixed,
    (f) => `Fixed: ${f.rule} on ${where(f)}`,
    (k) => `${k} findings fixed`,
  )
  return out
}

function say<T>(
  out: string[],
  items: readonly T[],
  one: (item: T) => string,
  many: (count: number) => string,
): void {
  if (items.length === 0) return
  if (items.length > NAME_AT_MOST) out.push(many(items.length))
  else for (const item of items) out.push(one(item))
}

function diff<T extends DesignNode | DesignEdge>(before: readonly T[], after: readonly T[]) {
  return diffInPlace(before, after) ?? diffById(before, after)
}

/**
 * The diff of two lists with the same ids at the same places (an edit that adds and removes
 * nothing keeps every other item, the same object, where it was): one pass, no maps of the
 * 90,000 nodes and edges of a large design. Undefined when the ids differ anywhere.
 */
function diffInPlace<T extends DesignNode | DesignEdge>(
  before: readonly T[],
  after: readonly T[],
): { added: T[]; removed: T[]; changed: [T, T][] } | undefined {
  if (before.length !== after.length) return undefined
  const changed: [T, T][] = []
  for (let i = 0; i < after.length; i++) {
    const was = before[i] as T
    const x = after[i] as T
    if (was === x) continue
    if (was.id !== x.id) return undefined
    if (!samePart(was, x)) changed.push([was, x])
  }
  return { added: [], removed: [], changed }
}

function diffById<T extends DesignNode | DesignEdge>(before: readonly T[], after: readonly T[]) {
  const old = new Map(before.map((x) => [x.id, x]))
  const now = new Map(after.map((x) => [x.id, x]))
  const added = after.filter((x) => !old.has(x.id))
  const removed = before.filter((x) => !now.has(x.id))
  const changed: [T, T][] = []
  for (const x of after) {
    const was = old.get(x.id)
    if (was && was !== x && !samePart(was, x)) changed.push([was, x])
  }
  return { added, removed, changed }
}

/** Equal except for the position: a moved node is not a change worth announcing. */
function samePart(a: DesignNode | DesignEdge, b: DesignNode | DesignEdge): boolean {
  const strip = (x: DesignNode | DesignEdge): string =>
    JSON.stringify({ ...x, position: undefined })
  return strip(a) === strip(b)
}

const exactly = (f: Finding): string => `${f.rule}|${f.subject}|${f.message}`
const bySubject = (f: Finding): string => `${f.rule}|${f.subject}`

/**
 * Findings that appeared and went. A finding whose words alone changed (its node renamed, it names
 * another role) is neither: paired by rule and subject once exact matches are taken out.
 */
function findingChanges(was: readonly Finding[], now: readonly Finding[]) {
  // The incremental check hands back the very objects of the findings of parts an edit did not
  // touch (each object once in a list): those pair with themselves, without a key made for them.
  const unpaired = new Set(was)
  const fresh = now.filter((f) => !unpaired.delete(f))
  const gone = was.filter((f) => unpaired.has(f))
  const added = unmatched(fresh, gone, exactly)
  const fixed = unmatched(gone, fresh, exactly)
  return { added: unmatched(added, fixed, bySubject), fixed: unmatched(fixed, added, bySubject) }
}

/** The items of `items` left once each item of `others` has taken away one with its key. */
function unmatched<T>(items: readonly T[], others: readonly T[], key: (item: T) => string): T[] {
  const left = new Map<string, number>()
  for (const o of others) left.set(key(o), (left.get(key(o)) ?? 0) + 1)
  return items.filter((item) => {
    const n = left.get(key(item)) ?? 0
    if (n > 0) left.set(key(item), n - 1)
    return n === 0
  })
}

/** Which subjects of these findings are nodes or edges of the design. */
function present(design: Design, findings: readonly Finding[]): Set<string> {
  const wanted = new Set<string>()
  for (const f of findings) if (f.subject !== null) wanted.add(f.subject)
  const found = new Set<string>()
  if (wanted.size === 0) return found
  for (const x of design.nodes) if (wanted.has(x.id)) found.add(x.id)
  for (const x of design.edges) if (wanted.has(x.id)) found.add(x.id)
  return found
}

/** The node a finding is about: its subject, or for a connection its source. */
function subjectNode(before: Design, after: Design, subject: string): string {
  const edge =
    after.edges.find((e) => e.id === subject) ?? before.edges.find((e) => e.id === subject)
  return edge ? edge.source : subject
}
