import type { Design, DesignEdge, DesignNode } from '../model/types.ts'
import type { Component } from './components.ts'
import { withReplaced, type Replaced } from './design-diff.ts'

/** A part of a design as a cache splits it: its lists, and the nodes of other parts it reads. */
export interface CachedPart extends Component {
  readonly context: readonly DesignNode[]
}

/** From how many changed parts on a check of the whole design is cheaper than one per part. */
const MANY = 24

const same = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i])

/**
 * What was found in each part of the last version of a design, kept for the next version: a part
 * whose nodes, edges and context are the same objects keeps its result. `split` cuts a version
 * into parts; `check` finds what is in one; `dropped` hears of each result let go. After an edit
 * that only replaced items in place (design-diff.ts), the parts are the same: only those holding
 * or reading a replaced item are checked again, found by id, without splitting the design.
 */
export class PartCache<P extends CachedPart, R> {
  private parts = new Map<string, { part: P; result: R }>()
  /** Node id → the key of its part, and of the parts that read it (their context). */
  private partOf = new Map<string, string>()
  private readers = new Map<string, string[]>()
  /** How many parts the last update checked (the others were kept). */
  checked = 0

  private readonly split: (design: Design) => P[]
  private readonly check: (part: P, design: Design) => R
  private readonly dropped: (result: R) => void
  /** The node whose part holds an edge: its source, unless the parts gather edges by target. */
  private readonly holder: (edge: DesignEdge) => string
  /** Checks many parts at once (on the whole design), cheaper than one by one when they are many. */
  private readonly checkMany?: (parts: readonly P[], design: Design) => R[]

  constructor(options: {
    split: (design: Design) => P[]
    check: (part: P, design: Design) => R
    dropped: (result: R) => void
    holder?: (edge: DesignEdge) => string
    checkMany?: (parts: readonly P[], design: Design) => R[]
  }) {
    this.split = options.split
    this.check = options.check
    this.dropped = options.dropped
    this.holder = options.holder ?? ((edge) => edge.source)
    this.checkMany = options.checkMany
  }

  results(): IterableIterator<{ part: P; result: R }> {
    return this.parts.values()
  }

  /**
   * Splits the new version and checks the parts that changed: one by one, or all at once when
   * they are many (a design opened, most of it pasted) and `checkMany` is given.
   */
  resplit(design: Design): void {
    const next = new Map<string, { part: P; result: R }>()
    const changed: P[] = []
    this.partOf.clear()
    this.readers.clear()
    for (const part of this.split(design)) {
      const old = this.parts.get(part.key)
      if (
        old &&
        same(old.part.nodes, part.nodes) &&
        same(old.part.edges, part.edges) &&
        same(old.part.context, part.context)
      ) {
        this.parts.delete(part.key)
        next.set(part.key, old)
      } else changed.push(part)
      for (const n of part.nodes) this.partOf.set(n.id, part.key)
      for (const n of part.context) {
        const list = this.readers.get(n.id)
        if (list) list.push(part.key)
        else this.readers.set(n.id, [part.key])
      }
    }
    for (const gone of this.parts.values()) this.dropped(gone.result)
    const results =
      this.checkMany && changed.length >= MANY
        ? this.checkMany(changed, design)
        : changed.map((part) => this.check(part, design))
    changed.forEach((part, i) => next.set(part.key, { part, result: results[i] as R }))
    this.checked = changed.length
    this.parts = next
  }

  /**
   * After an edit that replaced items in place: checks again the parts that hold or read them.
   * `rebuild` makes a part's new version from its old one (withPart).
   */
  replace(design: Design, replaced: Replaced, rebuild: (old: P, replaced: Replaced) => P): void {
    const touched = new Set<string>()
    const touch = (key: string | undefined): void => {
      if (key !== undefined) touched.add(key)
    }
    for (const id of replaced.nodes.keys()) {
      touch(this.partOf.get(id))
      for (const key of this.readers.get(id) ?? []) touch(key)
    }
    for (const edge of replaced.edges.values()) touch(this.partOf.get(this.holder(edge)))
    this.checked = 0
    for (const key of touched) {
      const old = this.parts.get(key)
      if (!old) continue
      const part = rebuild(old.part, replaced)
      this.dropped(old.result)
      this.parts.set(key, { part, result: this.check(part, design) })
      this.checked++
    }
  }
}

/** A part's lists with the replaced items put in (the whole design's, if it is all of it). */
export function withPart<P extends CachedPart>(design: Design, old: P, replaced: Replaced): P {
  const all = old.nodes.length === design.nodes.length && old.edges.length === design.edges.length
  return {
    ...old,
    nodes: all ? design.nodes : withReplaced(old.nodes, replaced.nodes),
    edges: all ? design.edges : withReplaced(old.edges, replaced.edges),
    context: withReplaced(old.context, replaced.nodes),
  }
}
