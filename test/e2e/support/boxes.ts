import type { Page } from 'playwright-core'

export interface Box {
  readonly id: string
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** Screen boxes of the canvas's nodes and access labels, as drawn. */
export async function canvasBoxes(page: Page): Promise<{ nodes: Box[]; labels: Box[] }> {
  return page.evaluate(`(() => {
    const box = (el, id) => {
      const r = el.getBoundingClientRect()
      return { id, x: r.x, y: r.y, width: r.width, height: r.height }
    }
    return {
      nodes: [...document.querySelectorAll('.react-flow__node')].map((el) => box(el, el.getAttribute('data-id'))),
      labels: [...document.querySelectorAll('.edge-label')].map((el) => box(el, el.getAttribute('data-segment'))),
    }
  })()`)
}

export function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

/** Every pair of boxes that overlaps, as "a × b". */
export function collisions(a: readonly Box[], b: readonly Box[] = a): string[] {
  const out: string[] = []
  const same = a === b
  a.forEach((x, i) =>
    (same ? b.slice(i + 1) : b).forEach((y) => {
      if (overlap(x, y)) out.push(`${x.id} × ${y.id}`)
    }),
  )
  return out
}
