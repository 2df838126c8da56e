import type { Design, Position } from '../model/types.ts'
import { GROUP_GAP, normalised, packInFlow, type Block } from './arrange.ts'
import { BOX_PADDING, BOX_TITLE, groupsOf, type Grouping } from './groups.ts'
import { layOut, type ElkEngine, type LayoutProgress } from './lay-out.ts'
import { LAYER_OF, type EdgeDrawing } from './parts.ts'

/**
 * Auto layout that keeps groups together (when the canvas draws groups): each group's members
 * laid out on their own, as a design of their own (the lines between groups leave no mark on the
 * inside of a group), with room around them for the group's box and title; the nodes of no group
 * likewise; then these blocks packed into a 16:10 area in flow order (packInFlow: groups of apps
 * left of the groups of services they use). Without groups, plain Auto layout.
 */
export async function layOutGrouped(
  design: Design,
  drawing: EdgeDrawing,
  grouping: Grouping,
  elk: ElkEngine,
  progress?: LayoutProgress,
): Promise<Map<string, Position>> {
  const groups = groupsOf(design, grouping)
  if (groups.length === 0) return layOut(design, drawing, elk, progress)
  const grouped = new Set(groups.flatMap((g) => g.members))
  const rest = design.nodes.filter((n) => !grouped.has(n.id)).map((n) => n.id)
  const sets = [
    ...groups.map((g) => ({ members: g.members, boxed: true })),
    ...(rest.length > 0 ? [{ members: rest, boxed: false }] : []),
  ]
  const layerOf = new Map(design.nodes.map((n) => [n.id, LAYER_OF[n.kind]]))
  const blocks: Block[] = []
  for (const set of sets) {
    const part = only(design, set.members)
    // A group's members whose lines all leave it stand in layers, not in a grid.
    const positions = await layOut(part, drawing, elk, undefined, set.boxed ? 'layers' : 'grid')
    const block = set.boxed ? boxed(normalised(positions)) : normalised(positions)
    blocks.push({ ...block, rank: meanLayer(set.members, layerOf) })
    progress?.(blocks.length, sets.length)
  }
  return packInFlow(blocks, GROUP_GAP)
}

/**
 * Where a group sits in the flow: the mean layer of its members (apps 0, identities 1, services
 * 2). A group of apps lands left of the group of services they reach when both share a row.
 */
function meanLayer(members: readonly string[], layerOf: ReadonlyMap<string, number>): number {
  let sum = 0
  for (const id of members) sum += layerOf.get(id) ?? 0
  return members.length > 0 ? sum / members.length : 0
}

/** The design cut down to some of its nodes and the edges between them. */
function only(design: Design, members: readonly string[]): Design {
  const keep = new Set(members)
  return {
    ...design,
    nodes: design.nodes.filter((n) => keep.has(n.id)),
    edges: design.edges.filter((e) => keep.has(e.source) && keep.has(e.target)),
  }
}

/** A group's block with room for its box (canvas/groups/group-boxes.ts) around the members. */
function boxed(block: Block): Block {
  const at = new Map<string, Position>()
  for (const [id, p] of block.at)
    at.set(id, { x: p.x + BOX_PADDING, y: p.y + BOX_PADDING + BOX_TITLE })
  return {
    width: block.width + 2 * BOX_PADDING,
    height: block.height + 2 * BOX_PADDING + BOX_TITLE,
    at,
  }
}
