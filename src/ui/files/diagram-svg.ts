import type { ModelIndex } from '../../model/queries.ts'
import type { Design, DesignNode } from '../../model/types.ts'
import {
  centredRect,
  curvePath,
  intersects,
  nodeRect,
  type Rect,
} from '../canvas/drawing/geometry.ts'
import type { LabelSpot } from '../canvas/drawing/label-placement.ts'
import type { Measure } from '../canvas/drawing/label-text.ts'
import { placeSceneLabels, sceneOf } from '../canvas/drawing/scene.ts'
import type { EdgeDrawing, Segment } from '../canvas/drawing/segments.ts'
import { NODE_HEIGHT, NODE_WIDTH } from '../../layout/node-size.ts'
import type { NodeGroup } from '../../layout/groups.ts'
import { boxMarkup, linkMarkup, svgGroups } from './diagram-groups.ts'
import {
  keyListMarkup,
  keyListSize,
  keyMarkup,
  keySize,
  labelMarkup,
  labelTitle,
  numberKeys,
  pictureLabel,
  pictureSize,
  pictureSizes,
  rolesOf,
  type KeyEntry,
} from './diagram-labels.ts'

/** The theme tokens the drawing uses, as CSS custom properties: the SVG is themable after export. */
export const SVG_TOKENS = [
  '--surface',
  '--canvas-bg',
  '--border',
  '--border-strong',
  '--accent-soft',
  '--text',
  '--text-2',
  '--error',
  '--warning',
  '--kind-app',
  '--kind-identity',
  '--kind-service',
  '--kind-developer',
  '--edge-access',
  '--edge-attach',
] as const
export type SvgTokens = Readonly<Record<(typeof SVG_TOKENS)[number], string>>

/** The light theme (theme.css), for exports made where the page's tokens cannot be read. */
export const LIGHT_TOKENS: SvgTokens = {
  '--surface': '#ffffff',
  '--canvas-bg': '#fbfcfd',
  '--border': '#dde1e6',
  '--border-strong': '#c3c9d1',
  '--accent-soft': '#e8f1fb',
  '--text': '#1b1f24',
  '--text-2': '#4f5a66',
  '--error': '#c50f1f',
  '--warning': '#a65500',
  '--kind-app': '#0f6cbd',
  '--kind-identity': '#7a4fd0',
  '--kind-service': '#00716c',
  '--kind-developer': '#a14f0a',
  '--edge-access': '#5b6673',
  '--edge-attach': '#7a4fd0',
}

export interface DiagramInput {
  readonly design: Design
  readonly index: Pick<ModelIndex, 'resolve' | 'node'>
  readonly drawing: EdgeDrawing
  /** Where nodes without a stored position are drawn (as on the canvas). */
  readonly fallback: ReadonlyMap<string, { x: number; y: number }>
  /** The nodes and edges shown (focus on a neighbourhood); all when absent. */
  readonly only?: { readonly nodes: ReadonlySet<string>; readonly edges: ReadonlySet<string> }
  /** The part of the drawing to export, in design coordinates; the whole design when absent. */
  readonly view?: Rect
  /** The kind shown under each node's name ("App Service", "Storage account"...). */
  readonly kindLabel: (node: DesignNode) => string
  /** An icon per node: a 20×20 `<svg>` stroked with currentColor (optional). */
  readonly icon?: (node: DesignNode) => string
  readonly problems: (segment: Segment) => number
  readonly measure: Measure
  readonly tokens: SvgTokens
  /** Boxes drawn behind the members of each group (the canvas's Groups view setting). */
  readonly groups?: readonly NodeGroup[]
  /** Groups drawn as one card for their members (ids, as the canvas keeps them). */
  readonly collapsed?: ReadonlySet<string>
}

const PAD = 24

/**
 * The design as a standalone vector drawing: every node a card, every drawn line a path (the
 * canvas's own segments and curves), every access label placed as on the canvas, all text as
 * `<text>`. A picture cannot be hovered, so each label names every role of its line (wrapped onto
 * rows), and one with no room for that is a number on its line, its roles in the key under the
 * drawing (diagram-labels.ts); each label's `<title>` holds what hovering it on the canvas shows.
 * Colours are CSS custom properties in one `<style>`, so the file is themable; no
 * `foreignObject`, so any SVG viewer (and draw.io) reads it.
 */
export function diagramSvg(input: DiagramInput): { svg: string; width: number; height: number } {
  const { design, only } = input
  const scene = sceneOf({
    design,
    index: input.index,
    drawing: input.drawing,
    fallback: input.fallback,
    ...(only ? { include: (e) => only.edges.has(e.id) } : {}),
  })
  const inView = design.nodes.filter(
    (n) =>
      (!only || only.nodes.has(n.id)) &&
      (!input.view || intersects(nodeRect(scene.positionOf(n.id)), input.view)),
  )
  const shown = new Set(inView.map((n) => n.id))
  const groups = svgGroups(
    input.groups ?? [],
    input.collapsed ?? new Set(),
    (id) => (shown.has(id) ? scene.positionOf(id) : undefined),
    scene.drawing.segments.filter((s) => shown.has(s.source) || shown.has(s.target)),
  )
  const shownNodes = inView.filter((n) => !groups.hidden.has(n.id))
  const segments = groups.kept
  // Numbered keys go up to the number of labels: each is sized for the longest number.
  const keys = scene.drawing.segments.filter((s) => s.kind === 'access').length
  const labels = placeSceneLabels({
    scene,
    index: input.index,
    nodes: (only ? design.nodes.filter((n) => only.nodes.has(n.id)) : design.nodes).map(
      (n) => n.id,
    ),
    problems: input.problems,
    measure: input.measure,
    scale: 1,
    compactOnly: false,
    // No room even for a compact label: a numbered key, its roles in the picture's key.
    pins: true,
    sizes: pictureSizes(input.measure, keys),
    collapsed: {
      hidden: groups.hidden,
      cards: groups.boxes.flatMap((b) => (b.collapsed ? [nodeRect(b.card)] : [])),
    },
  })

  const body: string[] = []
  const boxes: Rect[] = []
  const escapes = { text: esc, attr, n }
  for (const box of groups.boxes) {
    if (box.collapsed) continue
    boxes.push(box.rect)
    body.push(boxMarkup(box, escapes))
  }
  for (const link of groups.links) body.push(linkMarkup(link, groups.endOf, escapes))
  for (const s of segments) {
    const c = scene.curveOf(s)
    const way = s.kind === 'access' ? ` way-${s.way}` : ''
    body.push(
      `<path class="edge edge-${s.kind}${way}" data-segment="${attr(s.id)}" d="${curvePath(c)}"/>`,
    )
  }
  for (const n of shownNodes) {
    const p = scene.positionOf(n.id)
    boxes.push(nodeRect(p))
    body.push(nodeCard(n, p, input))
  }
  for (const box of groups.boxes) {
    if (!box.collapsed) continue
    boxes.push(nodeRect(box.card))
    body.push(boxMarkup(box, escapes))
  }
  const keyed: { id: string; spot: LabelSpot; entry: Omit<KeyEntry, 'number'>; title: string }[] =
    []
  const nameOf = (id: string): string => input.index.node(id)?.name ?? id
  for (const s of segments) {
    const placed = labels.get(s.id)
    if (!placed || s.kind !== 'access') continue
    const { text, spot } = placed
    const title = labelTitle(s, text)
    if (spot.crowded) {
      const { scope, note, problems } = pictureLabel(s, text, input.measure, false)
      keyed.push({
        id: s.id,
        spot,
        title,
        entry: {
          id: s.id,
          from: nameOf(s.source),
          to: nameOf(s.target),
          roles: rolesOf(s, text),
          label: { scope, note, problems },
        },
      })
      continue
    }
    const label = pictureLabel(s, text, input.measure, spot.compact)
    const box = centredRect(spot, pictureSize(label, input.measure))
    boxes.push(box)
    body.push(labelMarkup(s.id, title, label, box, escapes))
  }
  const keySpot = keySize(keys, input.measure)
  const entries: KeyEntry[] = []
  for (const k of numberKeys(keyed)) {
    const box = centredRect(k.spot, keySpot)
    boxes.push(box)
    body.push(keyMarkup(k.id, k.title, k.number, box, escapes))
    // A view's key names only the lines whose number it shows.
    if (!input.view || intersects(box, input.view)) entries.push({ ...k.entry, number: k.number })
  }

  const frame = input.view ?? bounds(boxes)
  const x = Math.floor(frame.x - PAD)
  const y = Math.floor(frame.y - PAD)
  const drawn = {
    width: Math.ceil(frame.width + 2 * PAD),
    height: Math.ceil(frame.height + 2 * PAD),
  }
  // The key under the drawing, on a band of background: a view's drawing goes on past its frame.
  const key = keyListSize(entries, input.measure)
  const width = Math.max(drawn.width, Math.ceil(key.width + 2 * PAD))
  const height = drawn.height + (entries.length > 0 ? Math.ceil(key.height + PAD) : 0)
  if (entries.length > 0) {
    if (width > drawn.width)
      body.push(
        `<rect class="background" x="${x + drawn.width}" y="${y}" width="${width - drawn.width}" height="${height}"/>`,
      )
    body.push(
      `<rect class="background" x="${x}" y="${y + drawn.height}" width="${width}" height="${height - drawn.height}"/>`,
      keyListMarkup(entries, x + PAD, y + drawn.height, escapes),
    )
  }
  const svg = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x} ${y} ${width} ${height}" width="${width}" height="${height}" font-family="Segoe UI, system-ui, -apple-system, sans-serif">`,
    `<title>${esc(design.name)}</title>`,
    `<style>${style(input.tokens)}</style>`,
    `<rect class="background" x="${x}" y="${y}" width="${width}" height="${height}"/>`,
    ...body,
    `</svg>`,
    '',
  ].join('\n')
  return { svg, width, height }
}

function nodeCard(node: DesignNode, p: { x: number; y: number }, input: DiagramInput): string {
  const icon = input.icon?.(node)
  const left = icon ? 44 : 16
  // The whole name in the card's title; on the card, as much as fits, cut with an ellipsis as
  // the canvas does. The nested <svg> still clips whatever a viewer's font draws wider.
  return (
    `<svg class="node kind-${node.kind}" data-id="${attr(node.id)}" x="${n(p.x)}" y="${n(p.y)}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}">` +
    `<title>${esc(node.name)}</title>` +
    `<rect class="card" x="0.5" y="0.5" width="${NODE_WIDTH - 1}" height="${NODE_HEIGHT - 1}" rx="8"/>` +
    `<rect class="bar" x="0.5" y="0.5" width="4" height="${NODE_HEIGHT - 1}" rx="2"/>` +
    (icon ? `<g class="icon" transform="translate(14 30)">${icon}</g>` : '') +
    `<text class="name" x="${left}" y="36">${esc(fitted(node.name, NODE_WIDTH - left - NAME_PADDING, input.measure))}</text>` +
    `<text class="kind" x="${icon ? 44 : 16}" y="55">${esc(input.kindLabel(node))}</text>` +
    `</svg>`
  )
}

/** Room kept right of a name on its card. */
const NAME_PADDING = 10
/** Names are 13 px (`.name` below); `measure` measures label text at 11 px. */
const NAME_SCALE = 13 / 11

/** The name, or its longest start that fits `room` px with an ellipsis after it. */
function fitted(name: string, room: number, measure: Measure): string {
  const width = (text: string): number => measure(text, true) * NAME_SCALE
  if (width(name) <= room) return name
  const chars = [...name]
  let low = 0
  let high = chars.length
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    if (width(`${chars.slice(0, mid).join('')}…`) <= room) low = mid
    else high = mid - 1
  }
  return `${chars.slice(0, low).join('').trimEnd()}…`
}

function style(tokens: SvgTokens): string {
  const vars = Object.entries(tokens)
    .map(([k, v]) => `${k}:${cssValue(v)}`)
    .join(';')
  type Token = keyof SvgTokens
  // Each colour twice: the value itself, then the custom property. Renderers without CSS custom
  // properties (librsvg, which GNOME's viewers, ImageMagick and many converters use) drop the
  // second declaration and keep the first; browsers and editors use the property, so the file
  // stays themable. With the property alone, librsvg draws the whole picture black.
  const paint = (property: string, token: Token): string =>
    `${property}:${cssValue(tokens[token])};${property}:var(${token})`
  return [
    `svg{${vars}}`,
    `.background{${paint('fill', '--canvas-bg')}}`,
    `.card{${paint('fill', '--surface')};${paint('stroke', '--border')}}`,
    `.group-box{${paint('fill', '--accent-soft')};fill-opacity:0.55;${paint('stroke', '--border-strong')};stroke-width:1.5;stroke-dasharray:6 4}`,
    `.edge-group-link{${paint('stroke', '--edge-access')}}`,
    `.link-count{font-size:11px;${paint('fill', '--text-2')}}`,
    `.group-title{font-size:13px;font-weight:600;${paint('fill', '--text')}}`,
    `.name{font-size:13px;font-weight:600;${paint('fill', '--text')};white-space:pre}`,
    `.kind{font-size:11px;${paint('fill', '--text-2')}}`,
    `.kind-app{${paint('color', '--kind-app')}}.kind-identity{${paint('color', '--kind-identity')}}`,
    `.kind-service{${paint('color', '--kind-service')}}.kind-developer{${paint('color', '--kind-developer')}}`,
    `.bar{fill:currentColor}`,
    `.edge{fill:none;stroke-width:1.6}`,
    `.edge-access{${paint('stroke', '--edge-access')}}`,
    `.edge-attach{${paint('stroke', '--edge-attach')};stroke-dasharray:6 5}`,
    `.way-unresolved{stroke-dasharray:2 4}`,
    `.label rect{${paint('fill', '--surface')};${paint('stroke', '--border')}}`,
    `.label text{font-size:11px;${paint('fill', '--text')}}`,
    `.role{font-weight:600}.scope{font-weight:600;${paint('fill', '--text-2')}}.note{${paint('fill', '--text-2')}}`,
    `.note-missing,.problems{${paint('fill', '--error')}}`,
    `.key text{font-weight:600}.key-entry{font-size:11px;${paint('fill', '--text')}}`,
    `.key-number{font-weight:600;${paint('fill', '--text-2')}}`,
  ].join('\n')
}

function bounds(rects: readonly Rect[]): Rect {
  if (rects.length === 0) return { x: 0, y: 0, width: 0, height: 0 }
  const x0 = Math.min(...rects.map((r) => r.x))
  const y0 = Math.min(...rects.map((r) => r.y))
  const x1 = Math.max(...rects.map((r) => r.x + r.width))
  const y1 = Math.max(...rects.map((r) => r.y + r.height))
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }
}

/** Characters XML 1.0 forbids (control characters such as an ANSI escape) become U+FFFD. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

/** Text as XML character data: names are the user's, anything may be in them. */
export function esc(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}

function attr(text: string): string {
  return esc(text).replace(/"/g, '&quot;')
}

/** A token's value inside the style sheet: never able to close the rule or the element. */
function cssValue(value: string): string {
  return value.replace(/[;{}<>]/g, '')
}

function n(v: number): string {
  return String(Math.round(v * 10) / 10)
}
