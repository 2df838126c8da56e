import type { ApplyJournal } from './apply/ports.ts'
import type { ApplyStore } from './store/apply/apply-store.ts'
import { storageJournal } from './store/apply/journal.ts'
import { browserEffects } from './store/browser-effects.ts'
import { createDesignerStore, type DesignerStore } from './store/create-store.ts'
import type { Effects } from './store/effects.ts'
import { takeSignInReturn } from './azure/sign-in-resume.ts'

/** The web app's parts, wired once: the only module that knows which effects are real. */
export interface Composition {
  readonly effects: Effects
  readonly store: DesignerStore
  /** The apply store over the browser's apply effects, made on first use (its code loads then). */
  loadApply(): Promise<ApplyStore>
  /** The page is back from a redirect sign-in: Apply reopens on Azure to finish it. */
  readonly resumeApply: boolean
  /** The journal of an apply a closed tab left behind, read without loading the apply code. */
  interruptedApply(): Promise<ApplyJournal | undefined>
}

export function compose(): Composition {
  const effects = browserEffects()
  const store = createDesignerStore(effects)
  const resumeApply = takeSignInReturn()
  let apply: Promise<ApplyStore> | undefined
  return {
    effects,
    store,
    resumeApply,
    interruptedApply: () => storageJournal(effects.storage).load(),
    loadApply: () =>
      (apply ??= (async () => {
        // The Azure SDK, MSAL's loader and the sandbox come with this chunk, not the first load.
        const [{ browserApplyEffects }, { createApplyStore }] = await Promise.all([
          import('./azure/browser-apply-effects.ts'),
          import('./store/apply/apply-store.ts'),
        ])
        const created = createApplyStore(
          browserApplyEffects(effects.storage, storageJournal(effects.storage)),
        )
        if (resumeApply) void created.getState().chooseTarget('azure')
        return created
      })()),
  }
}
