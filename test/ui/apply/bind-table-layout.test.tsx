import { readFileSync } from 'node:fs'
import { act, screen, waitFor } from '@testing-library/react'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Design } from '@/model/types.ts'
import { createApplyStore } from '@/store/apply/apply-store.ts'
import { templateById } from '@/templates/index.ts'
import { ApplyStoreContext } from '@/ui/apply/apply-context.tsx'
import ApplyDialog from '@/ui/apply/apply-dialog.tsx'
import { CHROMIUM_ARGS } from '../../e2e/support/browser.ts'
import { chromiumBinary } from '../../e2e/support/chromium.ts'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'
import { renderWithStore } from '../render.tsx'

/** The app's stylesheets in the order the app loads them (ui/app.tsx), then the dialog's. */
const STYLES = [
  'styles/theme.css',
  'styles/layout.css',
  'styles/canvas.css',
  'styles/groups.css',
  'styles/panels.css',
  'styles/a11y.css',
  'apply/apply.css',
].map((f) => readFileSync(`src/ui/${f}`, 'utf8'))

const SUB = '11111111-1111-1111-1111-111111111111'

/**
 * Scenario 2 with what real estates carry: a long app name, an identity placed in a long-named
 * group, and a service bound to a resource in another subscription (a message with ARM ids).
 */
function longNames(): Design {
  const base = templateById('scenario-2')!.design
  const change: Record<string, Partial<Design['nodes'][number]>> = {
    func: { name: 'contosoordersprocessingfunctionsproductionwesteurope01' },
    'mi-data': {
      azure: {
        subscriptionId: SUB,
        resourceGroup: 'rg-contoso-shared-identities-production-westeurope-001',
        location: 'westeurope',
      },
    },
    cosmos: {
      azure: {
        resourceId:
          '/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-contoso-data-production/providers/Microsoft.DocumentDB/databaseAccounts/contoso-cosmos',
      },
    },
  }
  return {
    ...base,
    nodes: base.nodes.map((n) => ({ ...n, ...change[n.id] }) as Design['nodes'][number]),
  }
}

/** The Apply dialog at its Bind step, as markup (jsdom lays nothing out: a browser measures it). */
async function bindStepMarkup(design: Design): Promise<string> {
  const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
  renderWithStore(
    <ApplyStoreContext.Provider value={store}>
      <ApplyDialog onClose={() => {}} />
    </ApplyStoreContext.Provider>,
    design,
  )
  await waitFor(() =>
    expect(screen.getByRole('combobox', { name: 'Resource group' })).toHaveValue('sandbox-rg'),
  )
  await act(() => store.getState().bind(design))
  expect(screen.getByRole('status')).toHaveTextContent('2 of 9 nodes need a choice')
  return document.body.innerHTML
}

describe('the Bind step table in the dialog, laid out by Chromium', () => {
  let browser: Browser
  beforeAll(async () => {
    const { executablePath, env } = await chromiumBinary()
    browser = await chromium.launch({
      executablePath,
      args: CHROMIUM_ARGS,
      ...(Object.keys(env).length > 0 ? { env: { ...process.env, ...env } } : {}),
    })
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
  })

  it.each([
    [1440, 900],
    [1024, 700],
  ])(
    'fits the dialog at %i×%i: Status in view without scrolling sideways, every choice usable',
    async (width, height) => {
      const markup = await bindStepMarkup(longNames())
      const page = await browser.newPage({ viewport: { width, height } })
      try {
        await page.setContent(
          `<!doctype html><html lang="en"><head><style>${STYLES.join('\n')}</style></head><body>${markup}</body></html>`,
        )
        const dialog = (await page
          .getByRole('dialog', { name: 'Apply to the sandbox' })
          .boundingBox())!
        const table = page.getByRole('table')
        const status = (await table.getByRole('columnheader', { name: 'Status' }).boundingBox())!
        expect(status.x + status.width).toBeLessThanOrEqual(dialog.x + dialog.width)
        const sideways = await page
          .locator('.bind-step .table-scroll')
          .evaluate((box) => box.scrollWidth - box.clientWidth)
        expect(sideways).toBe(0)
        for (const cell of await table
          .getByRole('cell', { name: /Bound|Created in|Needs a choice/ })
          .all()) {
          const box = (await cell.boundingBox())!
          expect(box.x + box.width).toBeLessThanOrEqual(dialog.x + dialog.width)
        }
        for (const choice of await table.getByRole('combobox').all()) {
          expect((await choice.boundingBox())!.width).toBeGreaterThanOrEqual(120)
        }
      } finally {
        await page.close()
      }
    },
    30_000,
  )
})
