import type { DesignIndex } from '../analysis/design-index.ts'
import { messageQuote } from '../lib/encode/message.ts'

/**
 * Node names as messages quote them (messageQuote), each made once per check. An id that names
 * no node is quoted as it is.
 */
export class Labels {
  private readonly index: DesignIndex
  private readonly byNumber: (string | undefined)[] = []
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
    return (this.byNumber[n] ??= messageQuote(
      (this.index.design.nodes[n] as { name: string }).name,
    ))
  }
}
