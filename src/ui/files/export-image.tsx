import type { ReactFlowInstance } from '@xyflow/react'
import { createRoot } from 'react-dom/client'
import { flushSync } from 'react-dom'
import { groupsOf } from '../../layout/groups.ts'
import type { DesignNode } from '../../model/types.ts'
import { analyze } from '../../store/derived.ts'
import type { Download } from '../../store/effects.ts'
import type { DesignerState } from '../../store/types.ts'
import type { Rect } from '../canvas/drawing/geometry.ts'
import { fallbackPositions, type FlowEdge, type FlowNode } from '../canvas/flow-elements.ts'
import { labelMeasure } from '../canvas/measure-text.ts'
import { neighbourhoodOf } from '../canvas/neighbourhood.ts'
import { nodeLook } from '../canvas/node-look.ts'
import { problemsOf } from '../canvas/use-scene.ts'
import { Glyph, type GlyphName } from '../icons.tsx'
import { diagramSvg, LIGHT_TOKENS, SVG_TOKENS, type SvgTokens } from './diagram-svg.ts'

/** PNG pixels per drawing unit: sharp on high-density screens and in documents. */
const PNG_SCALE = 2
/** Browsers refuse canvases much larger than this on a side. */
const PNG_MAX_SIDE = 16_000

export type DiagramScope = 'design' | 'view'

/**
 * Exports the diagram as a vector SVG (diagram-svg.ts: the canvas's own scene, text as text) or
 * a PNG rendered from that SVG at 2×: the whole design (or the neighbourhood in focus), or only
 * what the view shows.
 */
export async function exportDiagram(
  state: Pick<
    DesignerState,
    'design' | 'edgeDrawing' | 'neighbourhood' | 'grouping' | 'collapsedGroups'
  >,
  flow: ReactFlowInstance<FlowNode, FlowEdge>,
  format: 'png' | 'svg',
  scope: DiagramScope,
  baseName: string,
  download: Download,
): Promise<void> {
  const { design, edgeDrawing, neighbourhood, grouping } = state
  const { index } = analyze(design)
  const only =
    neighbourhood !== null && index.node(neighbourhood)
      ? neighbourhoodOf(design, index, neighbourhood)
      : undefined
  const view = scope === 'view' ? visibleRect(flow) : undefined
  const { svg, width, height } = diagramSvg({
    design,
    index,
    drawing: edgeDrawing,
    fallback: fallbackPositions(design),
    ...(only ? { only } : {}),
    ...(view ? { view } : {}),
    kindLabel: (n) => nodeLook(n).kindLabel,
    icon: iconMarkup(),
    problems: (s) => problemsOf(design, s),
    measure: labelMeasure(),
    tokens: pageTokens(),
    groups: groupsOf(design, grouping),
    collapsed: new Set(state.collapsedGroups),
  })
  const suffix = scope === 'view' ? '-view' : ''
  if (format === 'svg') {
    download(
      `${baseName}${suffix}.svg`,
      new Blob([svg], { type: 'image/svg+xml' }),
      'image/svg+xml',
    )
    return
  }
  download(`${baseName}${suffix}.png`, await pngOf(svg, width, height), 'image/png')
}

/** The part of the design the canvas shows, in design coordinates. */
function visibleRect(flow: ReactFlowInstance<FlowNode, FlowEdge>): Rect | undefined {
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect()
  if (!pane) return undefined
  const { x, y, zoom } = flow.getViewport()
  return { x: -x / zoom, y: -y / zoom, width: pane.width / zoom, height: pane.height / zoom }
}

/** The page's theme (light or dark, forced colours aside), so the export looks as the canvas does. */
function pageTokens(): SvgTokens {
  const style = getComputedStyle(document.documentElement)
  const out: Record<string, string> = {}
  for (const token of SVG_TOKENS)
    out[token] = style.getPropertyValue(token).trim() || LIGHT_TOKENS[token]
  return out as SvgTokens
}

/** Each node kind's icon as SVG markup, rendered once per glyph with the canvas's own component. */
function iconMarkup(): (node: DesignNode) => string {
  const known = new Map<GlyphName, string>()
  return (node) => {
    const { glyph } = nodeLook(node)
    let markup = known.get(glyph)
    if (markup === undefined) {
      const host = document.createElement('div')
      const root = createRoot(host)
      flushSync(() => root.render(<Glyph name={glyph} size={20} />))
      markup = host.innerHTML
      root.unmount()
      known.set(glyph, markup)
    }
    return markup
  }
}

/** The SVG drawn on a canvas at 2× (less for a drawing too large for a canvas), as a PNG. */
async function pngOf(svg: string, width: number, height: number): Promise<Blob> {
  const scale = Math.min(PNG_SCALE, PNG_MAX_SIDE / Math.max(width, height, 1))
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
  try {
    const image = new Image()
    image.src = url
    await image.decode()
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(width * scale)
    canvas.height = Math.round(height * scale)
    const context = canvas.getContext('2d')
    if (!context) throw new Error('this browser cannot draw on a canvas')
    context.scale(scale, scale)
    context.drawImage(image, 0, 0, width, height)
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))),
        'image/png',
      ),
    )
  } finally {
    URL.revokeObjectURL(url)
  }
}
