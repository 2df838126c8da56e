/// <reference lib="webworker" />
import ELK from 'elkjs/lib/elk.bundled.js'
import { layOutGrouped } from '../../layout/group-layout.ts'
import type { Grouping } from '../../layout/groups.ts'
import type { EdgeDrawing } from '../../layout/parts.ts'
import type { Design, Position } from '../../model/types.ts'

/** Asks the worker to lay a design out. */
export interface LayoutAsk {
  readonly design: Design
  readonly drawing: EdgeDrawing
  readonly grouping: Grouping
}

/** What the worker answers: progress now and then, then the positions or what went wrong. */
export type LayoutAnswer =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly positions: readonly (readonly [string, Position])[] }
  | { readonly type: 'failed'; readonly message: string }

const scope = self as unknown as DedicatedWorkerGlobalScope
// elk.bundled.js, loaded in a worker, takes the worker's `onmessage` for its own protocol: this
// worker speaks its own, so it hands it back.
scope.onmessage = null
const elk = new ELK()
/** Progress at most this often: a message per part would flood the page for large designs. */
const PROGRESS_MS = 100

scope.addEventListener('message', (event: MessageEvent<LayoutAsk>) => {
  const post = (answer: LayoutAnswer): void => scope.postMessage(answer)
  let last = 0
  const { design, drawing, grouping } = event.data
  layOutGrouped(design, drawing, grouping, elk, (done, total) => {
    const now = performance.now()
    if (now - last < PROGRESS_MS && done < total) return
    last = now
    post({ type: 'progress', done, total })
  }).then(
    (positions) => post({ type: 'done', positions: [...positions] }),
    (e: unknown) => post({ type: 'failed', message: e instanceof Error ? e.message : String(e) }),
  )
})
