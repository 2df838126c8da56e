import { applyEdits, type Edit } from '../../model/edits.ts'
import type { Design } from '../../model/types.ts'

/** Edits that write hand-picked resources into the design, so binding keeps them. */
export function pickEdits(design: Design, picks: Readonly<Record<string, string>>): Edit[] {
  return Object.entries(picks).flatMap(([id, resourceId]) => {
    const node = design.nodes.find((n) => n.id === id)
    return node
      ? [{ type: 'updateNode' as const, id, set: { azure: { ...node.azure, resourceId } } }]
      : []
  })
}

/**
 * The design with the resources picked at Bind: Compare binds as Apply did (for the sandbox the
 * picks are not written into the design).
 */
export function withPicks(design: Design, picks: Readonly<Record<string, string>>): Design {
  const picked = applyEdits(design, pickEdits(design, picks))
  return picked.ok ? picked.value : design
}
