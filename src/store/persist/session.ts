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
  const doc: SavedDoc = { version: 1, docId, design: designToJson(design), viewport, savedAt }
  await storage.set(docKey(docId), doc)
  await storage.set(SESSION_KEY, { docId })
  const recent = (await storage.get<RecentEntry[]>(RECENT_KEY)) ?? []
  const entry: RecentEntry = { docId, name: design.name, savedAt, nodes: design.nodes.length }
  const dropped = [entry, ...recent.filter((r) => r.docId !== docId)]
  await storage.set(RECENT_KEY, dropped.slice(0, RECENT_LIMIT))
  for (const old of dropped.slice(RECENT_LIMIT)) await storage.del(docKey(old.docId))
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

export async function listRecent(storage: KeyValueStorage): Promise<RecentEntry[]> {
  return (await storage.get<RecentEntry[]>(RECENT_KEY)) ?? []
}
