import type { KeyValueStorage } from '../lib/key-value-storage.ts'

export interface Clock {
  now(): number
}

/** Saves a file on the user's machine (a browser download). */
export type Download = (fileName: string, data: string | Blob, mimeType: string) => void

/** A message channel shared by the tabs of one browser (BroadcastChannel's shape). */
export interface TabChannel {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  close(): void
}

/**
 * The outside world the designer touches, handed to the store at creation so tests swap it:
 * persistent storage, the clock, file downloads, ids for new documents and the tab channel.
 */
export interface Effects {
  readonly storage: KeyValueStorage
  readonly clock: Clock
  readonly download: Download
  /** A fresh, unique id for a document or a tab. */
  readonly newId: () => string
  /** Opens the channel tabs use to notice each other; undefined where there is none. */
  readonly openChannel?: () => TabChannel
}

/** An in-memory storage: tests, and browsers where IndexedDB is unavailable. */
export function memoryStorage(seed: Record<string, unknown> = {}): KeyValueStorage & {
  readonly data: Map<string, unknown>
} {
  const data = new Map<string, unknown>(Object.entries(seed))
  return {
    data,
    get: <T>(key: string) => Promise.resolve(structuredClone(data.get(key)) as T | undefined),
    set: (key, value) => {
      data.set(key, structuredClone(value))
      return Promise.resolve()
    },
    del: (key) => {
      data.delete(key)
      return Promise.resolve()
    },
  }
}
