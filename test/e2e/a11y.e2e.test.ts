import { afterAll, beforeAll, describe, inject, it } from 'vitest'
import { serializeDesign } from '@/model/serialize.ts'
import { generateDesign } from '../../bench/generate.ts'
import { expectNoSeriousViolations } from './support/axe.ts'
import { launch, type Browser } from './support/browser.ts'
import { Designer } from './support/designer.ts'

type Mode = { readonly scheme: 'light' | 'dark'; readonly forcedColors: 'active' | 'none' }

const MODES: readonly (Mode & { title: string })[] = [
  { title: 'light', scheme: 'light', forcedColors: 'none' },
  { title: 'dark', scheme: 'dark', forcedColors: 'none' },
  { title: 'forced colours (Windows high contrast)', scheme: 'light', forcedColors: 'active' },
]

interface Tour {
  readonly browser: Browser
  readonly d: Designer
}

/**
 * Every screen, tab, dialog, dialog step and menu of the designer, in order: each step brings
 * the page to a screen, then axe-core checks the whole page against WCAG 2.2 AA.
 */
const STEPS: readonly { name: string; go: (t: Tour) => Promise<void> }[] = [
  { name: 'the empty designer', go: async () => {} },
  {
    name: 'the New dialog',
    go: async ({ d }) => {
      await d.button('New').click()
      await d.page.getByRole('dialog', { name: 'New design' }).waitFor()
    },
  },
  {
    name: 'scenario 2 on the canvas, Problems tab',
    go: async ({ d }) => {
      await d.page.getByRole('button', { name: /Apps sharing user-assigned identities/ }).click()
      await d.node('contoso-web-1').waitFor()
      await d.problems().locator('.rule-id').first().waitFor()
    },
  },
  {
    name: 'the outline view, opened down to a finding',
    go: async ({ d }) => {
      await d.page.getByRole('tab', { name: 'Outline' }).click()
      await d.page.getByRole('treeitem', { name: /^Developer group Contoso developers/ }).click()
      for (const key of ['ArrowRight', 'ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowDown'])
        await d.page.keyboard.press(key)
      await d.page
        .getByRole('treeitem', { name: /^Suggestion non-rbac-grant/ })
        .first()
        .waitFor()
    },
  },
  {
    name: 'a rule’s documentation in the Problems tab',
    go: async ({ d }) => {
      await d.page.getByRole('tab', { name: 'Canvas' }).click()
      await d.problems().getByRole('button', { name: 'About this rule' }).first().click()
      await d.problems().locator('.rule-doc h3, .rule-doc h4').first().waitFor()
    },
  },
  {
    name: 'the Plan tab',
    go: async ({ d }) => {
      await d.page.getByRole('tab', { name: /^Plan/ }).click()
      await d.page.locator('#tabpanel-plan table').first().waitFor()
    },
  },
  {
    name: 'the Guide tab',
    go: async ({ d }) => {
      await d.page.getByRole('tab', { name: /^Guide/ }).click()
      await d.page.getByRole('region', { name: /code of contoso-web-1/ }).waitFor()
    },
  },
  {
    name: 'a node in the inspector',
    go: async ({ d }) => {
      await d.page.getByRole('tab', { name: /^Problems/ }).click()
      await d.select('contoso-web-1')
    },
  },
  {
    name: 'a connection in the inspector with the role list open',
    go: async ({ d }) => {
      await d.page.getByRole('button', { name: /accesses contosoassets/ }).click()
      await d.page.getByRole('combobox', { name: 'Add role' }).fill('Storage')
      await d.page.getByRole('listbox', { name: 'Roles for this service' }).waitFor()
    },
  },
  {
    name: 'the Export menu',
    go: async ({ d }) => {
      await d.page.keyboard.press('Escape')
      await d.page.getByRole('button', { name: 'Export diagram' }).click()
      await d.page.getByRole('menu', { name: 'Export diagram' }).waitFor()
    },
  },
  {
    name: 'the Optimize identities dialog',
    go: async ({ d }) => {
      await d.page.keyboard.press('Escape')
      await d.button('Optimize identities').click()
      await d.page.getByRole('dialog', { name: 'Optimize identities' }).waitFor()
    },
  },
  {
    name: 'the Share link dialog',
    go: async ({ d }) => {
      await d.page.keyboard.press('Escape')
      await d.button('Share link').click()
      await d.page.getByRole('dialog', { name: 'Share link' }).waitFor()
    },
  },
  {
    name: 'the Recent designs dialog',
    go: async ({ d }) => {
      await d.page.keyboard.press('Escape')
      await d.button('Recent designs').click()
      await d.page.getByRole('dialog', { name: 'Recent designs' }).waitFor()
    },
  },
  {
    name: 'the Apply dialog: target',
    go: async ({ d }) => {
      await d.page.keyboard.press('Escape')
      await d.button('Apply').click()
      await applyDialog(d).getByRole('button', { name: 'Bind resources' }).waitFor()
      await applyDialog(d).getByRole('combobox').first().waitFor()
    },
  },
  {
    name: 'the Apply dialog: Azure target and its sign-in settings',
    go: async ({ d }) => {
      await applyDialog(d)
        .getByRole('radio', { name: /^Azure/ })
        .check()
      await applyDialog(d).getByRole('textbox', { name: 'Application (client) ID' }).waitFor()
      await expectNoSeriousViolations(d.page, 'the Apply dialog: Azure sign-in settings')
      await applyDialog(d)
        .getByRole('radio', { name: /^Sandbox/ })
        .check()
      await applyDialog(d).getByRole('button', { name: 'Bind resources' }).waitFor()
    },
  },
  {
    name: 'the Apply dialog: bind',
    go: async ({ d }) => {
      await applyDialog(d).getByRole('button', { name: 'Bind resources' }).click()
      await applyDialog(d).getByRole('button', { name: 'Preview changes' }).waitFor()
    },
  },
  {
    name: 'the Apply dialog: preview',
    go: async ({ d }) => {
      await applyDialog(d).getByRole('button', { name: 'Preview changes' }).click()
      await applyDialog(d).getByRole('list', { name: 'Preview counts' }).waitFor()
    },
  },
  {
    name: 'the Apply dialog: report',
    go: async ({ d }) => {
      await applyDialog(d)
        .getByRole('button', { name: /^Apply \d+ changes$/ })
        .click()
      await applyDialog(d)
        .getByRole('status')
        .filter({ hasText: /Applied\./ })
        .waitFor({ timeout: 30_000 })
    },
  },
  {
    name: 'scenario 2 grouped by group tag, a group box and a collapsed card',
    go: async ({ d }) => {
      const done = applyDialog(d).getByRole('button', { name: 'Done' })
      if ((await done.count()) > 0) await done.click()
      for (const name of ['contoso-web-1', 'contoso-web-2']) {
        await d.select(name)
        const group = d.page.getByRole('textbox', { name: 'Group', exact: true })
        await group.fill('web tier')
        await group.press('Enter')
      }
      await d.page.getByRole('combobox', { name: 'Groups' }).selectOption('Group tag')
      const collapse = d.page.getByRole('button', { name: /^Collapse group / }).first()
      await collapse.waitFor()
      await expectNoSeriousViolations(d.page, 'the applied design with a group box')
      await collapse.click()
      await d.page
        .getByRole('button', { name: /^Expand group / })
        .first()
        .waitFor()
    },
  },
  {
    name: 'a 300-node design',
    go: async ({ d }) => {
      const done = applyDialog(d).getByRole('button', { name: 'Done' })
      if ((await done.count()) > 0) await done.click()
      const large = generateDesign(LARGE_APPS)
      await d.openDesign('large.topology.json', serializeDesign(large))
      await d.page.locator('.brand-design').getByText(large.name, { exact: true }).waitFor()
      await d.problems().locator('.rule-id').first().waitFor()
    },
  },
  {
    name: 'a 300-node design in the outline view',
    go: async ({ d }) => {
      await d.page.getByRole('tab', { name: 'Outline' }).click()
      await d.page.getByRole('treeitem', { name: /^App sys0-app0,/ }).waitFor()
    },
  },
]

/** Apps in a generated design of about 300 nodes (apps, their identities, services, developers). */
const LARGE_APPS = 150

function applyDialog(d: Designer) {
  return d.page.getByRole('dialog', { name: /^Apply to/ })
}

for (const mode of MODES) {
  describe(`axe-core, WCAG 2.2 AA, no serious or critical violation: ${mode.title}`, () => {
    const tour = {} as { browser: Browser; d: Designer }
    beforeAll(async () => {
      tour.browser = await launch()
      await tour.browser.page.emulateMedia({
        colorScheme: mode.scheme,
        forcedColors: mode.forcedColors,
      })
      tour.d = new Designer(tour.browser.page)
      await tour.d.open(inject('baseUrl'))
    })
    afterAll(async () => {
      await tour.browser?.close()
    })

    for (const step of STEPS)
      it(step.name, async () => {
        await step.go(tour)
        await expectNoSeriousViolations(tour.browser.page, `${mode.title}, ${step.name}`)
      })
  })
}
