import type { KeyValueStorage } from '../../lib/key-value-storage.ts'
import type { ApplyJournal, ApplyJournalStore } from '../../apply/ports.ts'

const KEY = 'apply-journal'

/** The journal kept in the designer's storage (IndexedDB in the browser). No tokens go in it. */
export function storageJournal(storage: KeyValueStorage): ApplyJournalStore {
  return {
    load: () => storage.get<ApplyJournal>(KEY),
    save: (journal) => storage.set(KEY, journal),
    clear: () => storage.del(KEY),
  }
}
