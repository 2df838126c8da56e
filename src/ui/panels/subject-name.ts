import { edgeById, nodeById } from '../canvas/lookups.ts'
import { useDesigner } from '../store-context.tsx'

/** A readable name for a finding's subject: the node's name, or "source → target" for an edge. */
export function useSubjectName(subject: string | null): string {
  return useDesigner((s) => {
    if (subject === null) return 'Whole design'
    const node = nodeById(s.design, subject)
    if (node) return node.name
    const edge = edgeById(s.design, subject)
    if (!edge) return subject
    const from = nodeById(s.design, edge.source)?.name ?? edge.source
    const to = nodeById(s.design, edge.target)?.name ?? edge.target
    return `${from} → ${to}`
  })
}
