import type { NewNodeSpec } from '../../store/node-factory.ts'

/** The drag-and-drop payload from the palette to the canvas. */
export const PALETTE_MIME = 'application/x-idtopo-node'

export function writePaletteDrag(data: DataTransfer, spec: NewNodeSpec): void {
  data.setData(PALETTE_MIME, JSON.stringify(spec))
  data.effectAllowed = 'copy'
}

export function readPaletteDrag(data: DataTransfer): NewNodeSpec | undefined {
  const raw = data.getData(PALETTE_MIME)
  if (!raw) return undefined
  try {
    const spec = JSON.parse(raw) as NewNodeSpec
    return typeof spec.kind === 'string' ? spec : undefined
  } catch {
    return undefined
  }
}
