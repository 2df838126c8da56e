import type { NodeGroup } from '../../layout/groups.ts'
import type { Position } from '../../model/types.ts'
import { curve, curvePath, inPoint, outPoint, pointAt } from '../canvas/drawing/geometry.ts'
import type { Segment } from '../canvas/drawing/segments.ts'
import {
  BOX_TITLE,
  cardId,
  groupBoxes,
  groupTitle,
  hiddenBy,
  redirectLines,
  type CardLink,
  type GroupBox,
} from '../canvas/groups/group-boxes.ts'
import { NODE_HEIGHT, NODE_WIDTH } from '../../layout/node-size.ts'

/** Text as XML character data, and as an attribute value (diagram-svg.ts). */
export interface Escapes {
  readonly text: (s: string) => string
  readonly attr: (s: string) => string
  readonly n: (v: number) => string
}

/**
 * The groups of an SVG export as the canvas draws them: boxes behind expanded groups, a card for
 * each collapsed one, its members hidden and their lines drawn to the card once per other end.
 */
export function svgGroups(
  groups: readonly NodeGroup[],
  collapsed: ReadonlySet<string>,
  positionOf: (id: string) => Position | undefined,
  segments: readonly Segment[],
) {
  const boxes = groupBoxes(groups, positionOf, collapsed)
  const hidden = hiddenBy(boxes)
  const { kept, links } = redirectLines(segments, hidden, (s) => s.members.map((m) => m.id))
  const cards = new Map(boxes.filter((b) => b.collapsed).map((b) => [cardId(b.id), b.card]))
  return {
    boxes,
    hidden,
    kept,
    links,
    /** Where a line's end is: a card's position, else the node's. */
    endOf: (id: string): Position => cards.get(id) ?? positionOf(id) ?? { x: 0, y: 0 },
  }
}

export function boxMarkup(box: GroupBox, e: Escapes): string {
  const title = e.text(groupTitle(box))
  if (box.collapsed) {
    const { x, y } = box.card
    return (
      `<g class="group-card" data-group="${e.attr(box.id)}"><rect class="group-box" x="${e.n(x)}" y="${e.n(y)}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="8"/>` +
      `<text class="group-title" x="${e.n(x + 16)}" y="${e.n(y + NODE_HEIGHT / 2 + 5)}">${title}</text></g>`
    )
  }
  const r = box.rect
  return (
    `<g class="group" data-group="${e.attr(box.id)}"><rect class="group-box" x="${e.n(r.x)}" y="${e.n(r.y)}" width="${e.n(r.width)}" height="${e.n(r.height)}" rx="14"/>` +
    `<text class="group-title" x="${e.n(r.x + 14)}" y="${e.n(r.y + BOX_TITLE / 2 + 5)}">${title}</text></g>`
  )
}

/** A line to or from a card, with how many connections it stands for when several. */
export function linkMarkup(link: CardLink, endOf: (id: string) => Position, e: Escapes): string {
  const c = curve(outPoint(endOf(link.source)), inPoint(endOf(link.target)))
  const count = link.edges.length
  const mid = pointAt(c, 0.5)
  return (
    `<path class="edge edge-group-link" data-link="${e.attr(link.id)}" d="${curvePath(c)}"/>` +
    (count > 1
      ? `<text class="link-count" x="${e.n(mid.x)}" y="${e.n(mid.y - 6)}" text-anchor="middle">${count} connections</text>`
      : '')
  )
}
