/** A key-value store of JSON-like values (IndexedDB in the browser, a Map in tests). */
export interface KeyValueStorage {
  get<T>(key: string): Promise<T | undefined>
  set(key: string, value: unknown): Promise<void>
  del(key: string): Promise<void>
}
