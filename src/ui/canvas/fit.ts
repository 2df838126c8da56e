import { getViewportForBounds, type Rect } from '@xyflow/react'
import { BOX_PADDING, BOX_TITLE, groupsOf, type Grouping } from '../../layout/groups.ts'
import type { Design } from '../../model/types.ts'
import type { Size, Viewport } from '../../store/types.ts'
import { fallbackPositions, NODE_HEIGHT, NODE_WIDTH } from './flow-elements.ts'

export const MIN_ZOOM = 0.1
export const MAX_FIT_ZOOM = 1.1
/**
 * The least zoom a focus is framed at: a card's 13 px name is about 9 px on screen. A
 * neighbourhood spread wider than the pane at this zoom (its nodes far apart in a large layout)
 * is centred on its node instead, the others a pan away along their lines; Fit View shows all.
 */
export const FOCUS_MIN_ZOOM = 0.7
/** A small design needs no minimap: it is shown from this many nodes. */
export const MINIMAP_FROM = 40
/**
 * Up to this many: React Flow's minimap runs a store selector per node on every frame of a pan
 * (at 10,000 nodes that doubled the frame time), and so many dots in 150×100 px show nothing
 * one could aim at. Find (Ctrl+K) and focus are the way around a design that large.
 */
export const MINIMAP_UP_TO = 2000

export function hasMinimap(nodes: number): boolean {
  return nodes >= MINIMAP_FROM && nodes <= MINIMAP_UP_TO
}

/**
 * Fitting keeps clear of the view bar (top: `bar` is how far down the pane it reaches, two rows in
 * a narrow canvas), the zoom controls (left) and, when shown, the minimap (bottom right).
 */
export function fitPadding(nodes: number, bar = 0) {
  return {
    top: `${Math.max(46, bar + 12)}px`,
    left: '56px',
    bottom: '30px',
    right: hasMinimap(nodes) ? '170px' : '30px',
  } as const
}
/** Every node is drawn at this size (canvas.css), so a design can be framed before it is drawn. */
export const NODE_SIZE: Size = { width: NODE_WIDTH, height: NODE_HEIGHT }

export function designBounds(
  design: Design,
  measured: ReadonlyMap<string, Size>,
  only?: ReadonlySet<string>,
): Rect | undefined {
  const fallback = fallbackPositions(design)
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  for (const node of design.nodes) {
    if (only && !only.has(node.id)) continue
    const p = node.position ?? fallback.get(node.id) ?? { x: 0, y: 0 }
    const size = measured.get(node.id) ?? NODE_SIZE
    x0 = Math.min(x0, p.x)
    y0 = Math.min(y0, p.y)
    x1 = Math.max(x1, p.x + size.width)
    y1 = Math.max(y1, p.y + size.height)
  }
  if (x0 === Infinity) return undefined
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }
}

/**
 * The viewport that frames the whole design in a pane of this size, computed from positions
 * alone: the canvas can open a large design already framed, instead of drawing it at the old
 * view and then fitting (which would draw it twice).
 */
export function fitViewport(
  design: Design,
  measured: ReadonlyMap<string, Size>,
  width: number,
  height: number,
  /** Frames these nodes only (a neighbourhood); every node when absent. */
  only?: ReadonlySet<string>,
  room: FitRoom = {},
): Viewport {
  const nodes = designBounds(design, measured, only)
  if (!nodes || width <= 0 || height <= 0) return { x: 0, y: 0, zoom: 1 }
  const boxed =
    room.grouping && room.grouping !== 'none' && groupsOf(design, room.grouping).length > 0
  // Group boxes reach past their members: room for their padding and title band.
  const bounds = boxed
    ? {
        x: nodes.x - BOX_PADDING,
        y: nodes.y - BOX_PADDING - BOX_TITLE,
        width: nodes.width + 2 * BOX_PADDING,
        height: nodes.height + 2 * BOX_PADDING + BOX_TITLE,
      }
    : nodes
  const padding = fitPadding(only?.size ?? design.nodes.length, room.bar)
  const fitted = getViewportForBounds(bounds, width, height, MIN_ZOOM, MAX_FIT_ZOOM, padding)
  const left = parseFloat(padding.left)
  const top = parseFloat(padding.top)
  const space = {
    width: width - left - parseFloat(padding.right),
    height: height - top - parseFloat(padding.bottom),
  }
  const around =
    room.around !== undefined ? designBounds(design, measured, new Set([room.around])) : undefined
  if (around && fitted.zoom < FOCUS_MIN_ZOOM)
    return {
      zoom: FOCUS_MIN_ZOOM,
      x: left + space.width / 2 - (around.x + around.width / 2) * FOCUS_MIN_ZOOM,
      y: top + space.height / 2 - (around.y + around.height / 2) * FOCUS_MIN_ZOOM,
    }
  // Too large even at the smallest zoom: centred, it would be cut on both sides (its first
  // column, the apps, under the palette's edge). It starts at the top left of the room instead.
  return {
    zoom: fitted.zoom,
    x: bounds.width * fitted.zoom > space.width ? left - bounds.x * fitted.zoom : fitted.x,
    y: bounds.height * fitted.zoom > space.height ? top - bounds.y * fitted.zoom : fitted.y,
  }
}

/** What else a fit keeps clear of or takes in. */
export interface FitRoom {
  /** How far down the view bar reaches over the pane (it wraps to two rows when narrow), in px. */
  readonly bar?: number
  /** The canvas's grouping: group boxes are framed too. */
  readonly grouping?: Grouping
  /** The node in focus, when framing its neighbourhood for the focus: see FOCUS_MIN_ZOOM. */
  readonly around?: string
}
