import type { DesignIndex } from '../analysis/design-index.ts'

// eslint-disable-next-line no-control-regex -- the characters JSON.stringify escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/

/**
 * Node names as messages quote them, each made once per check: `"name"`, or the JSON string of a
 * name with quotes, backslashes or control characters, so no name can break a message's layout.
 * An id that names no node is quoted as it is.
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
      if (label === undefined) this.others.set(id, (label = quote(id)))
      return label
    }
    return this.at(n)
  }

  /** The label of the node or endpoint with this number (no lookup by id: rules have numbers). */
  at(n: number): string {
    if (n >= this.index.nodeCount) return this.of(this.index.idAt(n))
    return (this.byNumber[n] ??= quote((this.index.design.nodes[n] as { name: string }).name))
  }
}

/** A name quoted for a message (see Labels). */
export function quote(name: string): string {
  return NEEDS_ESCAPE.test(name) ? JSON.stringify(name) : `"${name}"`
}
