import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { ProblemsPanel } from '@/ui/panels/problems-panel.tsx'
import { design } from '../support/builder.ts'
import { renderWithStore } from './render.tsx'

const broken = () =>
  design()
    .app('api', { name: 'orders-api' })
    .service('st', 'storage', { name: 'orderstore' })
    .identity('lonely', { name: 'mi-lonely' })
    .access('api', 'st', ['Storage Blob Data Reader'], { id: 'e1' })
    .build()

describe('ProblemsPanel', () => {
  it('groups live findings by severity with rule id, message and subject', () => {
    renderWithStore(<ProblemsPanel />, broken())
    const errors = screen.getByRole('list', { name: 'Errors' })
    const item = within(errors).getAllByRole('listitem')[0] as HTMLElement
    expect(within(item).getByText('missing-identity')).toBeInTheDocument()
    expect(item).toHaveTextContent('orders-api')
    expect(
      within(item).getByRole('button', { name: 'Show orders-api → orderstore on the canvas' }),
    ).toBeInTheDocument()
    expect(screen.getByRole('list', { name: 'Warnings' })).toHaveTextContent('unused-identity')
    expect(screen.getByRole('list', { name: 'Suggestions' })).toHaveTextContent(
      'developer-access-missing',
    )
  })

  it('a name with a right-to-left override reorders only itself in the subject, and shows as \\u202e in the message', () => {
    // U+202E reverses what follows it up to the end of the paragraph: unisolated, the subject
    // "evil‮-api → orderstore" read "evil-api ← erotsredro" and the message's tail ran backwards.
    const spoof = 'evil\u202E-api'
    const d = broken()
    renderWithStore(<ProblemsPanel />, {
      ...d,
      nodes: d.nodes.map((n) => (n.id === 'api' ? { ...n, name: spoof } : n)),
    })
    const item = within(screen.getByRole('list', { name: 'Errors' })).getAllByRole(
      'listitem',
    )[0] as HTMLElement
    const subject = within(item).getByRole('button', {
      name: `Show ${spoof} → orderstore on the canvas`,
    })
    const isolated = (el: Element): string[] =>
      [...el.querySelectorAll('bdi')].map((b) => b.textContent ?? '')
    expect(isolated(subject)).toContain(spoof)
    // The message quotes the name as a JSON string: the override shows as \u202e, and nothing
    // in the message is reordered.
    const message = item.querySelector('.finding-message') as HTMLElement
    expect(message).toHaveTextContent('App "evil\\u202e-api" has no managed identity')
    expect(message.textContent).not.toContain('\u202E')
  })

  it('clicking the subject selects it and asks the canvas to show it', async () => {
    const t = renderWithStore(<ProblemsPanel />, broken())
    await userEvent.click(screen.getByRole('button', { name: 'Show mi-lonely on the canvas' }))
    expect(t.store.getState().selection).toEqual({ nodes: ['lonely'], edges: [] })
    expect(t.store.getState().focusRequest?.id).toBe('lonely')
  })

  it('a quick fix is one undo step, and the findings update live', async () => {
    const t = renderWithStore(<ProblemsPanel />, broken())
    const errors = screen.getByRole('list', { name: 'Errors' })
    const fix = within(errors)
      .getAllByRole('button')
      .find((b) => /system-assigned/i.test(b.textContent ?? ''))
    expect(fix).toBeDefined()
    await userEvent.click(fix as HTMLElement)
    expect(t.past()).toBe(1)
    expect(screen.queryByRole('list', { name: 'Errors' })).toBeNull()
    t.store.getState().undo()
    expect(await screen.findByRole('list', { name: 'Errors' })).toHaveTextContent(
      'missing-identity',
    )
  })

  it('arrow keys move between findings and Enter shows the subject', async () => {
    const t = renderWithStore(<ProblemsPanel />, broken())
    const items = screen.getAllByRole('listitem')
    await userEvent.tab()
    expect(items[0]).toHaveFocus()
    await userEvent.keyboard('{ArrowDown}')
    expect(items[1]).toHaveFocus()
    await userEvent.keyboard('{End}')
    expect(items.at(-1)).toHaveFocus()
    await userEvent.keyboard('{Home}{Enter}')
    expect(t.store.getState().focusRequest?.id).toBe('e1')
  })

  it('shows the rule’s documentation on demand, as text', async () => {
    renderWithStore(<ProblemsPanel />, broken())
    const errors = screen.getByRole('list', { name: 'Errors' })
    await userEvent.click(within(errors).getByRole('button', { name: /About this rule/ }))
    expect(await within(errors).findByRole('heading', { name: 'Synopsis' })).toBeInTheDocument()
  })

  it('brings the rule’s documentation into view when it opens, below the panel’s fold', async () => {
    const scrolled: [string, unknown][] = []
    Element.prototype.scrollIntoView = function (this: Element, options?: unknown) {
      scrolled.push([this.className, options])
    }
    try {
      renderWithStore(<ProblemsPanel />, broken())
      const errors = screen.getByRole('list', { name: 'Errors' })
      await userEvent.click(within(errors).getByRole('button', { name: /About this rule/ }))
      await within(errors).findByRole('heading', { name: 'Synopsis' })
      expect(scrolled).toEqual([['rule-doc', { block: 'nearest' }]])
    } finally {
      delete (Element.prototype as { scrollIntoView?: unknown }).scrollIntoView
    }
  })

  it('says so when the design has no problems', () => {
    renderWithStore(<ProblemsPanel />, { name: 'x', nodes: [], edges: [] })
    expect(screen.getByText('No problems. The design follows every rule.')).toBeInTheDocument()
  })

  it('renders names holding HTML as text', () => {
    const d = design()
      .app('api', { name: '<img src=x onerror=alert(1)>' })
      .service('st', 'storage')
      .access('api', 'st', ['Storage Blob Data Reader'])
      .build()
    const { container } = renderWithStore(<ProblemsPanel />, d)
    expect(container.querySelector('img')).toBeNull()
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>')
  })
})
