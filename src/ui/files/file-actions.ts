import { formatSize, MAX_DESIGN_CHARS } from '../../model/limits.ts'
import { parseDesignText } from '../../model/parse.ts'
import { planFileName, serializePlan } from '../../plan/export.ts'
import { planOf } from '../../store/derived.ts'
import { formatProblem } from '../../model/problems.ts'
import { serializeDesign } from '../../model/serialize.ts'
import type { DesignerStore } from '../../store/create-store.ts'
import type { Effects } from '../../store/effects.ts'
import { shareHash } from '../../store/persist/share-link.ts'

/** `Receipts platform` → `receipts-platform.topology.json` (named like the plan it goes with). */
export function designFileName(name: string): string {
  return planFileName(name).replace(/\.plan\.json$/, '.topology.json')
}

/**
 * Opens a design file. An invalid file is refused with every path-precise problem, and the
 * current design stays exactly as it was.
 */
export async function openDesignFile(store: DesignerStore, file: File): Promise<boolean> {
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
  store.getState().loadDesign(parsed.value)
  store.getState().notify({ tone: 'success', title: `Opened “${parsed.value.name}”` })
  return true
}

export function saveDesign(store: DesignerStore, effects: Effects): void {
  const { design } = store.getState()
  effects.download(designFileName(design.name), serializeDesign(design), 'application/json')
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
