import { placed } from '../../layout/layered.ts'
import { formatSize, MAX_DESIGN_CHARS, oversizeWarning } from '../../model/limits.ts'
import type { Design } from '../../model/types.ts'
import { parseDesignText } from '../../model/parse.ts'
import { planFileName, serializePlan } from '../../plan/export.ts'
import { planOf } from '../../store/derived.ts'
import { formatProblem } from '../../model/problems.ts'
import { serializeDesign } from '../../model/serialize.ts'
import type { DesignerStore } from '../../store/create-store.ts'
import type { Effects } from '../../store/effects.ts'
import { shareHash } from '../../store/persist/share-link.ts'
import { runLayout } from '../layout/run-layout.ts'

/** `Receipts platform` → `receipts-platform.topology.json` (named like the plan it goes with). */
export function designFileName(name: string): string {
  return planFileName(name).replace(/\.plan\.json$/, '.topology.json')
}

/** Counts opens: a slow layout of one file does not replace a file opened after it. */
let opens = 0

/**
 * Opens a design file. An invalid file is refused with every path-precise problem, and the
 * current design stays exactly as it was. A design with no position anywhere (written by hand or
 * by a script) opens laid out, as templates do, not in one column per kind (a column of 5,000
 * apps is 700,000 px tall and takes a software-rendered page a minute to paint).
 */
export async function openDesignFile(store: DesignerStore, file: File): Promise<boolean> {
  const open = ++opens
  // Refused before reading: a huge file (dropped by mistake or on purpose) never reaches memory.
  if (file.size > MAX_DESIGN_CHARS) {
    store.getState().notify({
      tone: 'error',
      title: `“${file.name}” is ${formatSize(file.size)}; designs are limited to ${formatSize(MAX_DESIGN_CHARS)}. Your design was not changed.`,
    })
    return false
  }
  let text: string
  try {
    text = await file.text()
  } catch {
    store.getState().notify({ tone: 'error', title: `Could not read “${file.name}”.` })
    return false
  }
  const parsed = parseDesignText(text)
  if (!parsed.ok) {
    const n = parsed.error.length
    store.getState().notify({
      tone: 'error',
      title: `“${file.name}” is not a valid design (${n} problem${n > 1 ? 's' : ''}). Your design was not changed.`,
      details: parsed.error.map(formatProblem),
    })
    return false
  }
  const design = parsed.value
  if (design.nodes.length === 0 || design.nodes.some((n) => n.position)) {
    store.getState().loadDesign(design)
    store.getState().notify({ tone: 'success', title: `Opened “${design.name}”` })
    return true
  }
  const count = `${design.nodes.length} node${design.nodes.length > 1 ? 's' : ''}`
  store.getState().notify({ tone: 'info', title: `Laying out “${design.name}” (${count})…` })
  const laidOut = await layOut(store, design)
  if (open !== opens) return false
  store.getState().loadDesign(laidOut.ok ? laidOut.design : design)
  store.getState().notify(
    laidOut.ok
      ? { tone: 'success', title: `Opened “${design.name}”, laid out (the file has no positions)` }
      : {
          tone: 'warning',
          title: `Opened “${design.name}” without a layout (Auto layout failed: ${laidOut.message}); nodes are drawn in one column per kind`,
        },
  )
  return true
}

/** The design placed by Auto layout, with the designer's line drawing and grouping. */
async function layOut(
  store: DesignerStore,
  design: Design,
): Promise<{ ok: true; design: Design } | { ok: false; message: string }> {
  const { edgeDrawing, grouping } = store.getState()
  try {
    return {
      ok: true,
      design: placed(design, await runLayout(design, edgeDrawing, undefined, grouping)),
    }
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) }
  }
}

export function saveDesign(store: DesignerStore, effects: Effects): void {
  const { design, notify } = store.getState()
  const name = designFileName(design.name)
  const text = serializeDesign(design)
  effects.download(name, text, 'application/json')
  const warning = oversizeWarning(text.length)
  if (warning) notify({ tone: 'warning', title: `Saved “${name}”, but ${warning}` })
}

/** Downloads the plan of the current design as `<name>.plan.json`. */
export function exportPlan(store: DesignerStore, effects: Effects): void {
  const { design } = store.getState()
  effects.download(planFileName(design.name), serializePlan(planOf(design)), 'application/json')
}

/** The link that opens this design anywhere: the page URL with the design in its hash. */
export function shareLink(
  store: DesignerStore,
  location: { origin: string; pathname: string },
): string {
  return `${location.origin}${location.pathname}${shareHash(store.getState().design)}`
}
