import type { Design } from '../../model/types.ts'
import { designToJson } from '../../model/serialize.ts'
import { parseDesign } from '../../model/parse.ts'
import type { KeyValueStorage } from '../../lib/key-value-storage.ts'
import type { Viewport } from '../types.ts'

/**
 * What autosave keeps: each document under `doc:<id>` in the design file format (so restoring
 * goes through the same parser and migrations as opening a file), the open one under `session`,
 * and the recent documents list. Never tokens or anything about Azure sign-in.
 */
export const SESSION_KEY = 'session'
export const RECENT_KEY = 'recent'
export const RECENT_LIMIT = 12

export interface SavedDoc {
  readonly version: 1
  readonly docId: string
  readonly design: unknown
  readonly viewport: Viewport
  readonly savedAt: number
}

export interface RecentEntry {
  readonly docId: string
  readonly name: string
  readonly savedAt: number
  readonly nodes: number
}

export const docKey = (docId: string): string => `doc:${docId}`

export async function saveDoc(
  storage: KeyValueStorage,
  docId: string,
  design: Design,
  viewport: Viewport,
  savedAt: number,
): Promise<void> {
  const json = designToJson(design)
  const doc: SavedDoc = { version: 1, docId, design: json, viewport, savedAt }
  await storage.set(docKey(docId), doc)
  await storage.set(SESSION_KEY, { docId })
  const recent = (await storage.get<RecentEntry[]>(RECENT_KEY)) ?? []
  const entry: RecentEntry = { docId, name: design.name, savedAt, nodes: design.nodes.length }
  const all = [entry, ...recent.filter((r) => r.docId !== docId)]
  // Only a document's first save can list a design twice (every open starts a new document): the
  // autosaves after it do not read and compare the other copies again.
  const first = all.length > recent.length
  const once = first ? await eachDesignOnce(storage, all, new Map([[docId, json]])) : all
  const kept = once.slice(0, RECENT_LIMIT)
  await storage.set(RECENT_KEY, kept)
  // A copy left out of the list (too old, or the same design again) could never be opened again.
  const listed = new Set(kept.map((r) => r.docId))
  for (const old of all) if (!listed.has(old.docId)) await storage.del(docKey(old.docId))
}

/**
 * The entries with each design once, the first (the most recent) kept. A design has no id of its
 * own (the file format has none, and every open, of a file, a template or a link, starts a new
 * document): two documents are the same design when they hold the same design, as opening one
 * file twice makes. One edited since differs, and stays: dropping it would lose the edit. Only
 * entries of the same name and node count are read and compared.
 */
async function eachDesignOnce(
  storage: KeyValueStorage,
  entries: readonly RecentEntry[],
  known: ReadonlyMap<string, unknown>,
): Promise<RecentEntry[]> {
  const alike = new Map<string, RecentEntry[]>()
  for (const e of entries) {
    const key = JSON.stringify([e.name, e.nodes])
    alike.set(key, [...(alike.get(key) ?? []), e])
  }
  const repeated = new Set<string>()
  for (const group of alike.values()) {
    if (group.length < 2) continue
    const seen = new Set<string>()
    for (const e of group) {
      const design = known.has(e.docId)
        ? known.get(e.docId)
        : (await storage.get<SavedDoc>(docKey(e.docId)))?.design
      // A document that cannot be read is listed as it was: it is not known to be a copy.
      if (design === undefined) continue
      const content = sortedJson(design)
      if (seen.has(content)) repeated.add(e.docId)
      else seen.add(content)
    }
  }
  return entries.filter((e) => !repeated.has(e.docId))
}

/** JSON with every object's keys in order: the same design reads the same whoever wrote it. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
}

export interface LoadedDoc {
  readonly docId: string
  readonly design: Design
  readonly viewport: Viewport
  /** When it was saved (ms since the epoch), if the stored document says. */
  readonly savedAt?: number
}

export async function loadDoc(
  storage: KeyValueStorage,
  docId: string,
): Promise<LoadedDoc | undefined> {
  const doc = await storage.get<SavedDoc>(docKey(docId))
  if (!doc || doc.version !== 1) return undefined
  const parsed = parseDesign(doc.design)
  // A stored document that no longer parses is skipped rather than shown half-loaded.
  if (!parsed.ok) return undefined
  const savedAt = Number.isFinite(doc.savedAt) ? { savedAt: doc.savedAt } : {}
  return { docId, design: parsed.value, viewport: doc.viewport, ...savedAt }
}

export async function loadSession(storage: KeyValueStorage): Promise<LoadedDoc | undefined> {
  const session = await storage.get<{ docId?: unknown }>(SESSION_KEY)
  return typeof session?.docId === 'string' ? loadDoc(storage, session.docId) : undefined
}

/** A document taken out of this browser, kept by whoever took it out to put it back (undo). */
export interface ForgottenDoc {
  readonly entry: RecentEntry
  readonly doc: SavedDoc
}

/**
 * Takes a document out of this browser: its copy and its line in the recent list. The open
 * document is not for this (its next autosave would write it back): the caller keeps it out.
 */
export async function forgetDoc(
  storage: KeyValueStorage,
  docId: string,
): Promise<ForgottenDoc | undefined> {
  const recent = (await storage.get<RecentEntry[]>(RECENT_KEY)) ?? []
  const entry = recent.find((r) => r.docId === docId)
  const doc = await storage.get<SavedDoc>(docKey(docId))
  await storage.set(
    RECENT_KEY,
    recent.filter((r) => r.docId !== docId),
  )
  await storage.del(docKey(docId))
  return entry && doc ? { entry, doc } : undefined
}

/** Puts a forgotten document back, in its place by the time it was saved. */
export async function rememberDoc(
  storage: KeyValueStorage,
  forgotten: ForgottenDoc,
): Promise<void> {
  const { entry, doc } = forgotten
  await storage.set(docKey(entry.docId), doc)
  const recent = (await storage.get<RecentEntry[]>(RECENT_KEY)) ?? []
  const all = [...recent.filter((r) => r.docId !== entry.docId), entry].sort(
    (a, b) => b.savedAt - a.savedAt,
  )
  // Saves made meanwhile may have filled the list: the oldest goes, as a save would drop it.
  await storage.set(RECENT_KEY, all.slice(0, RECENT_LIMIT))
  for (const old of all.slice(RECENT_LIMIT)) await storage.del(docKey(old.docId))
}

/** The recent designs, most recent first, each design once (a list stored with copies too). */
export async function listRecent(storage: KeyValueStorage): Promise<RecentEntry[]> {
  return eachDesignOnce(storage, (await storage.get<RecentEntry[]>(RECENT_KEY)) ?? [], new Map())
}
