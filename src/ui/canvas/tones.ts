import type { Design, DesignNode } from '../../model/types.ts'
import { analyze, countsFor } from '../../store/derived.ts'
import type { NodeDress, Tone } from './flow-elements.ts'
import { appCountOf } from './lookups.ts'

/** The findings tone of each node and edge (error beats warning), from the memoized analysis. */
export function tones(design: Design): (id: string) => Tone {
  const { bySubject } = analyze(design)
  return (id) => {
    const list = bySubject.get(id)
    if (!list) return ''
    if (list.some((f) => f.severity === 'error')) return 'has-error'
    return list.some((f) => f.severity === 'warning') ? 'has-warning' : ''
  }
}

/** Everything a node is drawn with besides itself, for this version of the design. */
export function nodeDress(design: Design, label: (id: string) => string): NodeDress {
  return {
    tone: tones(design),
    counts: (id) => countsFor(design, id),
    label,
    uses: (node: DesignNode) => (node.kind === 'identity' ? appCountOf(design, node.id) : 0),
  }
}
