import { getNodesBounds, getViewportForBounds, type ReactFlowInstance } from '@xyflow/react'
import type { Download } from '../../store/effects.ts'
import type { FlowEdge, FlowNode } from '../canvas/flow-elements.ts'

const PADDING = 0.08

/**
 * Exports the whole diagram as PNG or SVG. html-to-image is loaded on demand. The canvas only
 * draws what is in view, so it first fits the design, waits for the frame, and renders the
 * viewport element at a transform that frames every node.
 */
export async function exportDiagram(
  flow: ReactFlowInstance<FlowNode, FlowEdge>,
  format: 'png' | 'svg',
  baseName: string,
  download: Download,
): Promise<void> {
  const { toPng, toSvg } = await import('html-to-image')
  await flow.fitView({ padding: PADDING })
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
  const element = document.querySelector<HTMLElement>('.react-flow__viewport')
  if (!element) throw new Error('the canvas is not on the page')
  const bounds = getNodesBounds(flow.getNodes())
  const width = Math.min(Math.max(Math.ceil(bounds.width * 1.15), 800), 4000)
  const height = Math.min(Math.max(Math.ceil(bounds.height * 1.15), 500), 4000)
  const viewport = getViewportForBounds(bounds, width, height, 0.1, 2, PADDING)
  const background = getComputedStyle(document.documentElement)
    .getPropertyValue('--canvas-bg')
    .trim()
  const options = {
    width,
    height,
    backgroundColor: background || '#ffffff',
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})`,
    },
  }
  const url = format === 'png' ? await toPng(element, options) : await toSvg(element, options)
  const blob = dataUrlToBlob(url)
  download(`${baseName}.${format}`, blob, format === 'png' ? 'image/png' : 'image/svg+xml')
}

/**
 * A `data:` URL as a Blob, decoded here rather than fetched: the page's Content-Security-Policy
 * lets it connect to Azure only (connect-src), and `data:` is not Azure.
 */
export function dataUrlToBlob(url: string): Blob {
  const comma = url.indexOf(',')
  const header = url.slice(5, comma)
  const payload = url.slice(comma + 1)
  const type = header.split(';')[0] || 'text/plain'
  if (!header.endsWith(';base64')) return new Blob([decodeURIComponent(payload)], { type })
  const binary = atob(payload)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return new Blob([bytes], { type })
}
