import type { DesignIndex } from '../analysis/design-index.ts'
import { messageQuote } from '../lib/encode/message.ts'

/**
 * Node names as messages quote them (messageQuote), each made once per check. An id that names
 * no node is quoted as it is.
 */
export class Labels {
  private readonly index: DesignIndex
  /**
   * By node number, in pages of PAGE made on first use: one list of every node would be a large
   * object (slow to allocate) in a large design, and one filled at scattered numbers from empty
   * is sparse first, then copied into larger and larger ones.
   */
  private readonly pages: ((string | undefined)[] | undefined)[] = []
  private readonly others = new Map<string, string>()

  constructor(index: DesignIndex) {
    this.index = index
  }

  of(id: string): string {
    const n = this.index.numberOf(id)
    if (n === undefined) {
      let label = this.others.get(id)
      if (label === undefined) this.others.set(id, (label = messageQuote(id)))
      return label
    }
    return this.at(n)
  }

  /** The label of the node or endpoint with this number (no lookup by id: rules have numbers). */
  at(n: number): string {
    if (n >= this.index.nodeCount) return this.of(this.index.idAt(n))
    const page = (this.pages[n >>> PAGE_BITS] ??= new Array<string | undefined>(PAGE))
    return (page[n & (PAGE - 1)] ??= messageQuote(
      (this.index.design.nodes[n] as { name: string }).name,
    ))
  }
}

const PAGE_BITS = 12
/** Labels per page: 4,096, well below the 16,000 or so where a list becomes a large object. */
const PAGE = 1 << PAGE_BITS
