import { createDesignerStore } from '@/store/create-store.ts'
import { memoryStorage, type Effects } from '@/store/effects.ts'
import type { Design } from '@/model/types.ts'

/** A store with in-memory effects; downloads are recorded, ids count up. */
export function testStore(initial?: Design) {
  const downloads: { name: string; data: string | Blob; type: string }[] = []
  let n = 0
  let now = 1_000
  const storage = memoryStorage()
  const effects: Effects = {
    storage,
    clock: { now: () => now },
    download: (name, data, type) => downloads.push({ name, data, type }),
    newId: () => `id-${++n}`,
  }
  const store = createDesignerStore(effects, initial ?? { name: 'Test', nodes: [], edges: [] })
  return {
    store,
    effects,
    storage,
    downloads,
    tick: (ms: number) => (now += ms),
    past: () => store.temporal.getState().pastStates.length,
    future: () => store.temporal.getState().futureStates.length,
  }
}
