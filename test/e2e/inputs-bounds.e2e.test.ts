import { describe, expect, inject, it } from 'vitest'
import { lzBomb } from '../support/lz-bomb.ts'
import { designerSession } from './support/session.ts'

describe('bounded inputs in the browser', () => {
  const session = designerSession()

  it('a share link that would inflate to 200 million characters: the page opens, says why, drops the link', async () => {
    const page = await session.browser.context.newPage()
    await page.goto(`${inject('baseUrl')}#design=${lzBomb(20_000).link}`)
    await page.getByRole('toolbar', { name: 'Designer toolbar' }).waitFor()
    const notice = page
      .getByRole('alert')
      .filter({ hasText: 'The shared link holds an invalid design' })
    await notice.waitFor()
    await expect(notice.textContent()).resolves.toContain('the link holds more than 8 MB of design')
    expect(new URL(page.url()).hash).toBe('')
    // A reload opens the page as usual: the link is not decoded again.
    await page.reload()
    await page.getByRole('toolbar', { name: 'Designer toolbar' }).waitFor()
    await expect(page.getByRole('alert').filter({ hasText: 'shared link' }).count()).resolves.toBe(
      0,
    )
    await page.close()
  })

  it('an oversized design file is refused and the open design stays', async () => {
    const before = await session.browser.page.locator('.brand-design').textContent()
    await session.d.openFile('huge.topology.json', ' '.repeat(9 * 1024 * 1024))
    await session.browser.page
      .getByRole('alert')
      .filter({
        hasText:
          '“huge.topology.json” is 9 MB; designs are limited to 8 MB. Your design was not changed.',
      })
      .waitFor()
    await expect(session.browser.page.locator('.brand-design').textContent()).resolves.toBe(before)
    expect(session.browser.errors).toEqual([])
  })
})
