import type { DesignerStore } from '../create-store.ts'
import type { Effects } from '../effects.ts'
import { saveDoc } from './session.ts'

export const AUTOSAVE_DELAY_MS = 300
/**
 * A change of the view alone is saved once the view has rested this long: each save writes the
 * whole document, which for a 10,000-node design stalls a frame or two of the pan that moved it.
 */
export const VIEW_SAVE_DELAY_MS = 2000

/** Runs when the page is idle (a large design's save then never delays drawing), or soon. */
function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 })
  else run()
}

/**
 * Saves the document and the view shortly after each change (debounced so a pan or a burst of
 * edits is one write); `unsaved`: the store already holds a change not written (a design opened
 * from a link before this started), saved as soon as an edit would be. Returns `flush` (save now,
 * e.g. on page hide) and `stop`.
 */
export function startAutosave(
  store: DesignerStore,
  effects: Effects,
  { unsaved = false }: { readonly unsaved?: boolean } = {},
) {
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<void> = Promise.resolve()
  /** A change not yet written. */
  let dirty = false
  /** An edit of the design (not only of the view) not yet written. */
  let edited = false

  const save = (): Promise<void> => {
    timer = undefined
    dirty = false
    edited = false
    const { design, docId, viewport, setSaveState } = store.getState()
    running = running
      .then(() => saveDoc(effects.storage, docId, design, viewport, effects.clock.now()))
      .then(
        () => setSaveState(dirty ? 'saving' : 'saved', effects.clock.now()),
        () => setSaveState('error'),
      )
    return running
  }

  const changed = (designToo: boolean): void => {
    if (designToo) edited = true
    if (timer !== undefined) clearTimeout(timer)
    dirty = true
    // Say so at once: "Saved" must never show while a change is still waiting to be written.
    if (store.getState().saveState !== 'saving') store.getState().setSaveState('saving')
    timer = setTimeout(
      () => whenIdle(() => void save()),
      edited ? AUTOSAVE_DELAY_MS : VIEW_SAVE_DELAY_MS,
    )
  }
  const unsubscribe = store.subscribe((state, previous) => {
    if (
      state.design === previous.design &&
      state.viewport === previous.viewport &&
      state.docId === previous.docId
    )
      return
    changed(state.design !== previous.design || state.docId !== previous.docId)
  })
  if (unsaved) changed(true)

  return {
    flush: (): Promise<void> => {
      if (timer === undefined) return running
      clearTimeout(timer)
      return save()
    },
    stop: (): void => {
      if (timer !== undefined) clearTimeout(timer)
      unsubscribe()
    },
  }
}
