import { afterAll, beforeAll, inject } from 'vitest'
import { launch, type Browser } from './browser.ts'
import { Designer } from './designer.ts'

/** A browser with the designer open, for one test file: launched before its tests, closed after. */
export function designerSession(viewport?: { width: number; height: number }): {
  readonly browser: Browser
  readonly d: Designer
} {
  const session = {} as { browser: Browser; d: Designer }
  beforeAll(async () => {
    session.browser = await launch(viewport ? { viewport } : {})
    session.d = new Designer(session.browser.page)
    await session.d.open(inject('baseUrl'))
  })
  afterAll(async () => {
    await session.browser?.close()
  })
  return session
}
