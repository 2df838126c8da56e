import { del, get, set } from 'idb-keyval'
import type { KeyValueStorage } from '../lib/key-value-storage.ts'
import { memoryStorage, type Effects } from './effects.ts'

/** IndexedDB through idb-keyval; falls back to memory where IndexedDB is missing (private modes). */
function idbStorage(): KeyValueStorage {
  if (typeof indexedDB === 'undefined') return memoryStorage()
  return { get, set, del }
}

function downloadInBrowser(fileName: string, data: string | Blob, mimeType: string): void {
  const blob = typeof data === 'string' ? new Blob([data], { type: mimeType }) : data
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // Revoke later: some browsers start the download asynchronously after click().
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** The real effects of the web app. */
export function browserEffects(): Effects {
  return {
    storage: idbStorage(),
    clock: { now: () => Date.now() },
    download: downloadInBrowser,
    newId: () => crypto.randomUUID(),
    ...(typeof BroadcastChannel !== 'undefined'
      ? { openChannel: () => new BroadcastChannel('identity-topology-designer') }
      : {}),
  }
}
