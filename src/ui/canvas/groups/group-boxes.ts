import { BOX_PADDING, BOX_TITLE, type NodeGroup } from '../../../layout/groups.ts'
import type { Position } from '../../../model/types.ts'
import { NODE_HEIGHT, NODE_WIDTH, type Rect } from '../drawing/geometry.ts'

export { BOX_PADDING, BOX_TITLE }

/** A group as drawn: its box around the members shown, or (collapsed) one card for them. */
export interface GroupBox {
  readonly id: string
  readonly title: string
  /** The members drawn (or hidden behind the card), in design order. */
  readonly members: readonly string[]
  readonly collapsed: boolean
  /** Around every member, with the title band on top. */
  readonly rect: Rect
  /** Where the card stands when collapsed: where its first-placed members began. */
  readonly card: Position
}

/** "rg-orders · 12 nodes" */
export function groupTitle(box: Pick<GroupBox, 'title' | 'members'>): string {
  const n = box.members.length
  return `${box.title} · ${n} node${n === 1 ? '' : 's'}`
}

/**
 * One box per group around its members' node boxes, at the positions they are drawn at (a
 * drag moves the box with them). Members with no position (not drawn) are left out; a group
 * left with none is not drawn.
 */
export function groupBoxes(
  groups: readonly NodeGroup[],
  positionOf: (id: string) => Position | undefined,
  collapsed: ReadonlySet<string>,
): GroupBox[] {
  const out: GroupBox[] = []
  for (const group of groups) {
    const members: string[] = []
    let x0 = Infinity
    let y0 = Infinity
    let x1 = -Infinity
    let y1 = -Infinity
    for (const id of group.members) {
      const at = positionOf(id)
      if (!at) continue
      members.push(id)
      x0 = Math.min(x0, at.x)
      y0 = Math.min(y0, at.y)
      x1 = Math.max(x1, at.x + NODE_WIDTH)
      y1 = Math.max(y1, at.y + NODE_HEIGHT)
    }
    if (members.length === 0) continue
    out.push({
      id: group.id,
      title: group.title,
      members,
      collapsed: collapsed.has(group.id),
      rect: {
        x: x0 - BOX_PADDING,
        y: y0 - BOX_PADDING - BOX_TITLE,
        width: x1 - x0 + 2 * BOX_PADDING,
        height: y1 - y0 + 2 * BOX_PADDING + BOX_TITLE,
      },
      card: { x: x0, y: y0 },
    })
  }
  return out
}

/** The id of the card that stands for a collapsed group (never a design id: those have no `:`). */
export function cardId(groupId: string): string {
  return `group-card:${groupId}`
}

export function boxId(groupId: string): string {
  return `group-box:${groupId}`
}

/** Each hidden node's card: the members of collapsed groups. */
export function hiddenBy(boxes: readonly GroupBox[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const box of boxes)
    if (box.collapsed) for (const id of box.members) out.set(id, cardId(box.id))
  return out
}

/** A line between a card and another end, standing for every line between their members. */
export interface CardLink {
  readonly id: string
  readonly source: string
  readonly target: string
  /** The design edges it stands for. */
  readonly edges: readonly string[]
}

/**
 * Lines with an end hidden in a collapsed group go to its card instead, once per other end
 * (several lines between the same two ends become one, with the design edges of all); lines
 * between members of one collapsed group are not drawn. Returns the lines kept as they were and
 * the card links, in the order of the lines they come from.
 */
export function redirectLines<L extends { source: string; target: string }>(
  lines: readonly L[],
  hidden: ReadonlyMap<string, string>,
  edgesOf: (line: L) => readonly string[],
): { kept: L[]; links: CardLink[] } {
  if (hidden.size === 0) return { kept: [...lines], links: [] }
  const kept: L[] = []
  const links = new Map<string, { source: string; target: string; edges: string[] }>()
  for (const line of lines) {
    const source = hidden.get(line.source) ?? line.source
    const target = hidden.get(line.target) ?? line.target
    if (source === line.source && target === line.target) {
      kept.push(line)
      continue
    }
    if (source === target) continue
    const id = `group-link:${source}>${target}`
    const link = links.get(id)
    if (link) link.edges.push(...edgesOf(line))
    else links.set(id, { source, target, edges: [...edgesOf(line)] })
  }
  return { kept, links: [...links].map(([id, l]) => ({ id, ...l })) }
}
