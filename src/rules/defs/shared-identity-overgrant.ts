import type { DesignIndex } from '../../analysis/design-index.ts'
import { moveGrantsFix, type Overgrant } from '../fixes/move-grants.ts'
import { createRule } from '../rule.ts'
import { messageQuote } from '../../lib/encode/message.ts'

export const sharedIdentityOvergrant = createRule({
  meta: {
    id: 'shared-identity-overgrant',
    severity: 'warning',
    subject: 'identity',
    scope: 'component',
    description:
      'A user-assigned identity shared by several apps holds a grant that some of them do not need: those apps get the access too.',
    hasFixes: true,
    messages: {
      overgrant:
        'Identity {identity}, shared by {count} apps, holds {roles} on {service}, which {others} {verb} not need through it: {pronoun} that access anyway.',
    },
    learnMore:
      'https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/managed-identity-best-practice-recommendations#limiting-the-scope-of-a-user-assigned-identity',
  },
  create({ index, labelAt, report }) {
    const needs = new Needs(index)
    const found = (identity: string, n: number, apps: readonly string[], head: number): void => {
      const { service, serviceNumber, over, lacking } = needs.overgrants(head, apps)
      const numbers = index.appNumbersAt(n)
      const related = new Array<string>(lacking.length + 1)
      related[0] = service
      let others = ''
      for (let i = 0; i < lacking.length; i++) {
        related[i + 1] = apps[lacking[i] as number] as string
        const label = labelAt(numbers[lacking[i] as number] as number)
        others = i === 0 ? label : `${others}, ${label}`
      }
      report({
        subject: identity,
        messageId: 'overgrant',
        data: {
          identity: labelAt(n),
          count: apps.length,
          roles: over.roles(),
          service: labelAt(serviceNumber),
          others,
          verb: lacking.length === 1 ? 'does' : 'do',
          pronoun: lacking.length === 1 ? 'it gets' : 'they get',
        },
        related,
        fix: (fixer) => {
          const fix = moveGrantsFix(fixer, identity, service, over.list(apps))
          return fix ? [fix] : []
        },
      })
    }
    return {
      identity({ id: identity }, n) {
        if (index.appCountAt(n) < 2) return
        const p = index.principalNumber('userAssigned', identity)
        if (p === undefined) return
        // Per service, in order of first use, the grants not every app needs.
        const services = needs.of(p, n)
        if (services.length === 0) return
        const apps = index.appsAt(n)
        for (const head of services) found(identity, n, apps, head)
      },
    }
  },
})

/**
 * What each app needs through one shared identity, worked out in arrays kept for the whole
 * check (an identity costs no allocation unless it is reported): the identity's distinct
 * (service, role, scope) triples in order of first use ("local" numbers), and per triple the
 * apps whose edges carry it, as bits: app i of the identity's apps is bit i % 32 of word i / 32.
 */
class Needs {
  private readonly index: DesignIndex
  /** By triple: the visit that listed it, and its local number then. */
  private readonly stamp: Int32Array
  private readonly local: Int32Array
  private visit = 0
  /**
   * By local number, the first `used`: the triple, the first edge carrying it, the next local of
   * its service (grown by doubling, kept from identity to identity).
   */
  private triple = new Int32Array(64)
  private first = new Int32Array(64)
  private next = new Int32Array(64)
  private used = 0
  private bits = new Uint32Array(256)
  private words = 1
  /** By endpoint number: the app's position in the identity's apps, plus one (0: not one of them). */
  private readonly appSlot: Int32Array

  constructor(index: DesignIndex) {
    this.index = index
    const { count } = index.triples()
    this.stamp = new Int32Array(count)
    this.local = new Int32Array(count)
    this.appSlot = new Int32Array(index.endpointCount)
  }

  /**
   * Fills the table for principal `p`, the user-assigned identity of node `n`, and returns,
   * per service with a grant some app does not need, the local number of its first such grant
   * (the others follow through `next`), in order of first use.
   */
  of(p: number, n: number): readonly number[] {
    const { index, appSlot } = this
    const numbers = index.appNumbersAt(n)
    const { start, items } = index.principalGroups()
    const { at: tripleAt } = index.triples()
    const visit = ++this.visit
    const words = (this.words = (numbers.length + 31) >>> 5)
    this.used = 0
    for (let i = 0; i < numbers.length; i++) appSlot[numbers[i] as number] = i + 1
    for (let i = start[p] as number; i < (start[p + 1] as number); i++) {
      const at = items[i] as number
      // Resolved through this identity, so the source is one of its apps.
      const app = (appSlot[index.sourceAt[at] as number] as number) - 1
      for (let r = index.roleStart[at] as number; r < (index.roleStart[at + 1] as number); r++) {
        const t = tripleAt[r] as number
        if (t < 0) continue
        if (this.stamp[t] !== visit) {
          this.stamp[t] = visit
          this.local[t] = this.add(t, at)
        }
        const w = (this.local[t] as number) * words + (app >>> 5)
        this.bits[w] = (this.bits[w] as number) | (1 << (app & 31))
      }
    }
    for (let i = 0; i < numbers.length; i++) appSlot[numbers[i] as number] = 0
    // Grants some app lacks, chained per service (by the target's number). Most identities
    // have none: the lists are made for the first.
    let heads: number[] | undefined
    let tails: number[] | undefined
    const service = index.triples().service
    for (let l = 0; l < this.used; l++) {
      if (this.neededByAll(l, numbers.length)) continue
      const target = service[this.triple[l] as number] as number
      heads ??= []
      tails ??= []
      let s = 0
      while (s < heads.length && service[this.triple[heads[s] as number] as number] !== target) s++
      if (s === heads.length) {
        heads.push(l)
        tails.push(l)
      } else {
        this.next[tails[s] as number] = l
        tails[s] = l
      }
    }
    return heads ?? NO_HEADS
  }

  /**
   * The service (id and number) of the grants chained from local `head` (see `of`), those grants
   * (Overgrants: what each app needs, kept as bits until a fix asks), and the positions (in
   * `apps`) of the apps lacking at least one of them.
   */
  overgrants(
    head: number,
    apps: readonly string[],
  ): { service: string; serviceNumber: number; over: Overgrants; lacking: number[] } {
    const { words } = this
    // Lists counted, then made at their size: `[]` then push gives each room for 17, and there
    // are three per finding (a thousand findings at 10,000 apps).
    let length = 0
    for (let l = head; l >= 0; l = this.next[l] as number) length++
    const triples = new Array<number>(length)
    const rows = new Array<number>(length * words)
    for (let l = head, r = 0; l >= 0; l = this.next[l] as number, r++) {
      triples[r] = this.triple[l] as number
      for (let w = 0; w < words; w++) rows[r * words + w] = (this.bits[l * words + w] as number) | 0
    }
    const over = new Overgrants(this.index, triples, rows, words)
    let lackingCount = 0
    for (let i = 0; i < apps.length; i++) if (over.lacksAny(i)) lackingCount++
    const lacking = new Array<number>(lackingCount)
    for (let i = 0, k = 0; k < lackingCount; i++) if (over.lacksAny(i)) lacking[k++] = i
    const at = this.first[head] as number
    const edge = this.index.accessEdge(at)
    return {
      service: edge.target,
      serviceNumber: this.index.targetAt[at] as number,
      over,
      lacking,
    }
  }

  private add(t: number, at: number): number {
    const l = this.used++
    if (l === this.triple.length) {
      this.triple = grown(this.triple)
      this.first = grown(this.first)
      this.next = grown(this.next)
    }
    this.triple[l] = t
    this.first[l] = at
    this.next[l] = -1
    const end = (l + 1) * this.words
    if (end > this.bits.length) {
      const grown = new Uint32Array(Math.max(end, this.bits.length * 2))
      grown.set(this.bits)
      this.bits = grown
    }
    this.bits.fill(0, l * this.words, end)
    return l
  }

  private has(l: number, app: number): boolean {
    return (((this.bits[l * this.words + (app >>> 5)] as number) >>> (app & 31)) & 1) === 1
  }

  private neededByAll(l: number, apps: number): boolean {
    for (let app = 0; app < apps; app++) if (!this.has(l, app)) return false
    return true
  }
}

const NO_HEADS: readonly number[] = []

function grown(list: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const out = new Int32Array(list.length * 2)
  out.set(list)
  return out
}

/**
 * The grants of one finding (triples) and, per grant, which of the identity's apps need it
 * (`rows`: `words` words of bits per grant, as int32, app i at bit i % 32 of word i / 32).
 */
class Overgrants {
  private readonly index: DesignIndex
  private readonly triples: readonly number[]
  private readonly rows: readonly number[]
  private readonly words: number

  constructor(
    index: DesignIndex,
    triples: readonly number[],
    rows: readonly number[],
    words: number,
  ) {
    this.index = index
    this.triples = triples
    this.rows = rows
    this.words = words
  }

  /** Whether app `i` of the identity's apps needs grant `r`. */
  needs(r: number, i: number): boolean {
    return (((this.rows[r * this.words + (i >>> 5)] as number) >>> (i & 31)) & 1) === 1
  }

  /** Whether app `i` of the identity's apps lacks at least one of the grants. */
  lacksAny(i: number): boolean {
    for (let r = 0; r < this.triples.length; r++) if (!this.needs(r, i)) return true
    return false
  }

  /** The grants' roles as the message quotes them, each once, in grant order. */
  roles(): string {
    const { keys } = this.index.roleTable
    const tripleKey = this.index.triples().key
    const quoted = new Set<string>()
    for (const t of this.triples) quoted.add(messageQuote(keys[tripleKey[t] as number] as string))
    return [...quoted].join(', ')
  }

  /** The grants as move-grants takes them, for `apps`, the identity's apps. */
  list(apps: readonly string[]): Overgrant[] {
    const { keys } = this.index.roleTable
    const tripleKey = this.index.triples().key
    return this.triples.map((t, r) => {
      const needing = new Set<string>()
      apps.forEach((app, i) => {
        if (this.needs(r, i)) needing.add(app)
      })
      return { key: t, role: keys[tripleKey[t] as number] as string, apps: needing }
    })
  }
}
