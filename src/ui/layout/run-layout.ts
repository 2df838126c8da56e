import type { LayoutProgress } from '../../layout/lay-out.ts'
import { layeredLayout, placed } from '../../layout/layered.ts'
import type { Grouping } from '../../layout/groups.ts'
import type { EdgeDrawing } from '../../layout/parts.ts'
import type { Design, Position } from '../../model/types.ts'
import type { LayoutAnswer, LayoutAsk } from './layout.worker.ts'

/**
 * Lays a design out off the page's thread: in a Web Worker (served from the app's own origin, as
 * the Content-Security-Policy's `worker-src 'self'` wants), so a large design never freezes the
 * page. Where there are no workers (tests in jsdom), the same code runs here, loaded on demand.
 */
export function runLayout(
  design: Design,
  drawing: EdgeDrawing,
  progress?: LayoutProgress,
  /** Groups drawn on the canvas stay together (layout/group-layout.ts). */
  grouping: Grouping = 'none',
): Promise<Map<string, Position>> {
  if (typeof Worker === 'undefined') return layeredLayout(design, drawing, progress, grouping)
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' })
    const end = (): void => worker.terminate()
    worker.addEventListener('message', (event: MessageEvent<LayoutAnswer>) => {
      const answer = event.data
      switch (answer.type) {
        case 'progress':
          progress?.(answer.done, answer.total)
          return
        case 'done':
          end()
          resolve(new Map(answer.positions))
          return
        case 'failed':
          end()
          reject(new Error(answer.message))
          return
      }
    })
    worker.addEventListener('error', (event) => {
      end()
      reject(new Error(event.message || 'the layout worker failed to start'))
    })
    const ask: LayoutAsk = { design, drawing, grouping }
    worker.postMessage(ask)
  })
}

/** The design with every node placed by Auto layout (templates open laid out). */
export async function laidOut(design: Design, drawing: EdgeDrawing): Promise<Design> {
  if (design.nodes.length === 0) return design
  return placed(design, await runLayout(design, drawing))
}
