import { GROUP_TAG_MAX, groupKeyOf } from '../layout/groups.ts'
import type { DesignNode, Extras } from '../model/types.ts'
import type { DesignerState, Selection } from './types.ts'

/**
 * The collapsed groups that hide a node, or an edge's ends, under the current grouping: those
 * that must open for it to be seen.
 */
export function hiddenGroupsOf(
  state: Pick<DesignerState, 'design' | 'grouping' | 'collapsedGroups'>,
  id: string,
): string[] {
  const { design, grouping, collapsedGroups } = state
  if (grouping === 'none' || collapsedGroups.length === 0) return []
  const edge = design.edges.find((e) => e.id === id)
  const ends = edge ? [edge.source, edge.target] : [id]
  const out: string[] = []
  for (const node of design.nodes) {
    if (!ends.includes(node.id)) continue
    const key = groupKeyOf(node, grouping)
    if (key && collapsedGroups.includes(key.id) && !out.includes(key.id)) out.push(key.id)
  }
  return out
}

/** The selection without the members of a group, nor the edges that touch them. */
export function withoutMembers(
  state: Pick<DesignerState, 'design' | 'grouping' | 'selection'>,
  groupId: string,
): Selection {
  const { design, grouping, selection } = state
  const hidden = new Set(
    design.nodes.filter((n) => groupKeyOf(n, grouping)?.id === groupId).map((n) => n.id),
  )
  const edges = new Map(design.edges.map((e) => [e.id, e]))
  return {
    nodes: selection.nodes.filter((id) => !hidden.has(id)),
    edges: selection.edges.filter((id) => {
      const e = edges.get(id)
      return !e || (!hidden.has(e.source) && !hidden.has(e.target))
    }),
  }
}

/** A node's extras with its `group` tag set to `group`, or removed when `group` is empty. */
export function extrasWithGroup(node: DesignNode, group: string): Extras | undefined {
  const next: Record<string, unknown> = { ...node.extras }
  if (group === '') delete next['group']
  else next['group'] = group
  return Object.keys(next).length > 0 ? next : undefined
}

/** Why a `group` tag is refused, or undefined (empty clears it). */
export function groupTagProblem(group: string): string | undefined {
  if (group === '') return undefined
  if (group.length > GROUP_TAG_MAX) return `At most ${GROUP_TAG_MAX} characters.`
  return group.trim() === '' ? 'A group cannot be only spaces.' : undefined
}
