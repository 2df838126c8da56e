import type { Page } from 'playwright-core'

/**
 * In-page probes. FIRST_RENDER: installed before navigation, records when the first edge is drawn
 * (edges appear only once nodes are measured, so the canvas is really on screen).
 */
export const FIRST_RENDER_PROBE = `
  (() => {
    const tick = () => {
      if (document.querySelector('.react-flow__edge')) {
        window.__firstRender = performance.now()
        return
      }
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })()
`

/** Polls in the page (waitForFunction's polling evaluates strings, which the designer's CSP forbids). */
export async function firstRenderMs(page: Page): Promise<number> {
  return page.evaluate<number>(`new Promise((done, fail) => {
    const end = performance.now() + 120000
    const check = () => {
      if (window.__firstRender !== undefined) return done(window.__firstRender)
      if (performance.now() > end) return fail(new Error('nothing drawn in 120 s'))
      setTimeout(check, 20)
    }
    check()
  })`)
}

/**
 * Pans with the mouse and zooms with the wheel while recording frame intervals (ms): one drag
 * out and back and five wheel steps in and out (about 70 frames; up close on a software-rendered
 * page that is already half a minute).
 */
export async function frameTimes(page: Page): Promise<number[]> {
  // The drag starts on empty canvas, nearest the middle: on a node it would move the node.
  const start = await page.evaluate<{ x: number; y: number } | null>(`(() => {
    const pane = document.querySelector('.react-flow__pane').getBoundingClientRect()
    const spots = []
    for (let x = pane.left + 40; x < pane.right - 40; x += 20)
      for (let y = pane.top + 40; y < pane.bottom - 40; y += 20) spots.push({ x, y })
    const mx = pane.left + pane.width / 2
    const my = pane.top + pane.height / 2
    spots.sort((a, b) => Math.hypot(a.x - mx, a.y - my) - Math.hypot(b.x - mx, b.y - my))
    return spots.find((p) => document.elementFromPoint(p.x, p.y)?.classList.contains('react-flow__pane')) ?? null
  })()`)
  if (!start) throw new Error('no empty spot on the canvas to pan from')
  // Scripts go to the page as text: tsx's name-keeping helpers do not exist there.
  await page.evaluate(`(() => {
    window.__frames = []
    window.__recording = true
    let last = performance.now()
    function loop(now) {
      window.__frames.push(now - last)
      last = now
      if (window.__recording) requestAnimationFrame(loop)
    }
    requestAnimationFrame(loop)
  })()`)
  const cx = start.x
  const cy = start.y
  await page.mouse.move(cx, cy)
  await page.mouse.down()
  await page.mouse.move(cx - 300, cy - 150, { steps: 30 })
  await page.mouse.move(cx + 200, cy + 100, { steps: 30 })
  await page.mouse.up()
  for (let i = 0; i < 10; i++) {
    await page.mouse.wheel(0, i < 5 ? -120 : 120)
    await page.waitForTimeout(16)
  }
  return page.evaluate<number[]>(`(() => {
    window.__recording = false
    return window.__frames.slice(1)
  })()`)
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1)
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}
