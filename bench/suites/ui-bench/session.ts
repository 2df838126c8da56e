import type { BrowserContext, Page } from 'playwright-core'
import { serializeDesign } from '../../../src/model/serialize.ts'
import type { Design } from '../../../src/model/types.ts'
import type { Viewport } from '../../../src/store/types.ts'

/**
 * The designer is measured as it reopens where it was left: the autosaved session (IndexedDB
 * through idb-keyval, src/store/persist/session.ts) holds the design and the view, so every run
 * opens the same design at the same viewport, fitted or at zoom 1. These helpers write that session
 * from a blank page of the designer's origin (the app itself must not run meanwhile: it saves too).
 */
const IDB = `
  const request = (r) => new Promise((done, fail) => { r.onsuccess = () => done(r.result); r.onerror = () => fail(r.error) })
  const open = () => {
    const r = indexedDB.open('keyval-store')
    r.onupgradeneeded = () => r.result.createObjectStore('keyval')
    return request(r)
  }
  const store = async (mode) => (await open()).transaction('keyval', mode).objectStore('keyval')
`

export interface Pane {
  readonly width: number
  readonly height: number
}

/** The saved document as the designer wrote it, and the fitted view and pane it opened with. */
export interface Session {
  readonly doc: unknown
  readonly fitted: Viewport
  readonly pane: Pane
}

/** Opens the designer in `page` and the design in it as a file (Open design). */
export async function openDesignFile(
  page: Page,
  appUrl: string,
  design: Design,
  name: string,
): Promise<void> {
  await page.goto(appUrl)
  await page.getByRole('toolbar', { name: 'Designer toolbar' }).waitFor()
  await page.setInputFiles('[data-testid="open-design-input"]', {
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(serializeDesign(design)),
  })
}

/** Opens the design as a file in the designer, lets it fit and autosave, and keeps what it saved. */
export async function primeSession(
  context: BrowserContext,
  appUrl: string,
  blankUrl: string,
  design: Design,
): Promise<Session> {
  const page = await context.newPage()
  try {
    // Forget the session of an earlier case first: the designer would reopen that design, whose
    // lines and "saved" state would pass the waits below before this file is even read (the 10k
    // case then kept the 1k design's session and view, and at zoom 1 drew nothing).
    await page.goto(blankUrl)
    await page.evaluate(`(async () => {
      ${IDB}
      await request((await store('readwrite')).clear())
    })()`)
    await openDesignFile(page, appUrl, design, 'bench.topology.json')
    await page.locator('.react-flow__edge').first().waitFor({ timeout: 120_000 })
    await page.locator('.status-save[data-save-state="saved"]').waitFor({ timeout: 120_000 })
    const [fitted, pane] = await page.evaluate<[Viewport, Pane]>(`(() => {
      const flow = document.querySelector('.react-flow')
      const m = /translate\\(([-\\d.e]+)px, ([-\\d.e]+)px\\) scale\\(([\\d.e-]+)\\)/.exec(
        document.querySelector('.react-flow__viewport').style.transform)
      return [{ x: +m[1], y: +m[2], zoom: +m[3] }, { width: flow.clientWidth, height: flow.clientHeight }]
    })()`)
    await page.goto(blankUrl)
    const doc = await page.evaluate<unknown>(`(async () => {
      ${IDB}
      const session = await request((await store('readonly')).get('session'))
      return request((await store('readonly')).get('doc:' + session.docId))
    })()`)
    return { doc, fitted, pane }
  } finally {
    await page.close()
  }
}

/** Writes the primed session back with this viewport: the next page of the designer opens so. */
export async function restoreSession(
  context: BrowserContext,
  blankUrl: string,
  session: Session,
  viewport: Viewport,
): Promise<void> {
  const page = await context.newPage()
  try {
    await page.goto(blankUrl)
    const doc = { ...(session.doc as Record<string, unknown>), viewport }
    await page.evaluate(
      `(async (doc) => {
        ${IDB}
        await request((await store('readwrite')).put({ docId: doc.docId }, 'session'))
        await request((await store('readwrite')).put(doc, 'doc:' + doc.docId))
      })`.concat(`(${JSON.stringify(doc)})`),
    )
  } finally {
    await page.close()
  }
}

/** Zoom 1, centred on the app nearest the middle of the design (where lines are densest). */
export function zoomOneViewport(design: Design, pane: Pane): Viewport {
  const placed = design.nodes.flatMap((n) => (n.position ? [{ node: n, at: n.position }] : []))
  const xs = placed.map((p) => p.at.x)
  const ys = placed.map((p) => p.at.y)
  const mid = {
    x: (Math.min(...xs) + Math.max(...xs)) / 2,
    y: (Math.min(...ys) + Math.max(...ys)) / 2,
  }
  const apps = placed.filter((p) => p.node.kind === 'app')
  const near = apps.reduce((best, p) =>
    Math.hypot(p.at.x - mid.x, p.at.y - mid.y) < Math.hypot(best.at.x - mid.x, best.at.y - mid.y)
      ? p
      : best,
  )
  return { x: pane.width / 2 - near.at.x, y: pane.height / 2 - near.at.y, zoom: 1 }
}
