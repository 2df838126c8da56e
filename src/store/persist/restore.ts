import { err } from '../../lib/result.ts'
import { formatProblem } from '../../model/problems.ts'
import type { DesignerStore } from '../create-store.ts'
import type { Effects } from '../effects.ts'
import { loadSession } from './session.ts'
import { hasSharedDesign, readShareHash } from './share-link.ts'

/**
 * Opens the design a share link's hash carries, as a new document (the open one stays in Recent
 * designs), or says why it cannot. Returns whether it opened one.
 */
export function openSharedDesign(store: DesignerStore, hash: string): boolean {
  const shared = readSafely(hash)
  if (shared.ok) {
    store.getState().loadDesign(shared.value)
    store.getState().notify({ tone: 'info', title: `Opened “${shared.value.name}” from a link` })
    return true
  }
  store.getState().notify({
    tone: 'error',
    title: 'The shared link holds an invalid design',
    details: shared.error.map(formatProblem),
  })
  return false
}

/**
 * Opens what the page should show at start: a design in the URL (share link) first, else the
 * autosaved session with its view, else the store's initial design. Returns whether the URL hash
 * was consumed, so the caller can clear it (a reload must not re-open the link over later edits),
 * and whether what shows is a shared design not saved yet (autosave then saves it at once, or a
 * reload would lose it).
 */
export async function restoreSession(
  store: DesignerStore,
  effects: Effects,
  hash: string,
): Promise<{ consumedHash: boolean; unsaved: boolean }> {
  if (hasSharedDesign(hash) && openSharedDesign(store, hash))
    return { consumedHash: true, unsaved: true }
  const saved = await loadSession(effects.storage).catch(() => undefined)
  if (saved) {
    store.getState().loadDesign(saved.design, saved)
    // What is on screen is what was saved, and when: not "Not saved yet".
    if (saved.savedAt !== undefined) store.getState().setSaveState('saved', saved.savedAt)
  }
  return { consumedHash: hasSharedDesign(hash), unsaved: false }
}

/** The page's address bar, as far as a share link is concerned. */
export interface LinkAddress {
  /** The hash now (`#design=…`, or another link pasted since). */
  readonly hash: () => string
  /** Takes the hash out of the address bar, adding no history entry. */
  readonly drop: () => void
}

/**
 * Takes a share link out of the address bar once the design it opened is saved (at once: the
 * save is not left to autosave's delay). Until then a reload opens the link again; it used to
 * open the older session, and the link was lost. After it, a reload opens the saved design with
 * its later edits, never the link over them. A link that opened nothing goes at once, and one
 * that could not be saved stays (nothing else holds its design). A link pasted meanwhile is left
 * for its own call.
 */
export async function dropLinkWhenSaved(
  store: DesignerStore,
  autosave: { readonly flush: () => Promise<void> },
  address: LinkAddress,
  link: string,
  opened: boolean,
): Promise<void> {
  if (opened) {
    await autosave.flush()
    if (store.getState().saveState === 'error') return
  }
  if (address.hash() === link) address.drop()
}

/** A link can never stop the page from opening: even a bug in decoding becomes a message. */
function readSafely(hash: string): ReturnType<typeof readShareHash> {
  try {
    return readShareHash(hash)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    return err([{ path: '(link)', message: `the link cannot be read: ${message}` }])
  }
}
