import type { DesignIndex } from '../analysis/design-index.ts'
import { messageQuote } from '../lib/encode/message.ts'

/**
 * Node names as messages quote them (messageQuote), each made once per check. An id that names
 * no node is quoted as it is.
 */
export class Labels {
  private readonly index: DesignIndex
  /**
   * By node number, sized once on first use: filled at scattered numbers from empty, a list is
   * sparse first, then copied into larger and larger ones.
   */
  private byNumber?: (string | undefined)[]
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
    this.byNumber ??= new Array<string | undefined>(this.index.nodeCount)
    return (this.byNumber[n] ??= messageQuote(
      (this.index.design.nodes[n] as { name: string }).name,
    ))
  }
}
