import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { Modal } from '@/ui/dialogs/modal.tsx'

/** A dialog whose button is replaced by its result, as Compare with Azure's is by the differences. */
function Stepping(props: { onClose: () => void }) {
  const [done, setDone] = useState(false)
  return (
    <Modal title="Compare" onClose={props.onClose}>
      {done ? (
        <p>2 differences.</p>
      ) : (
        <button type="button" onClick={() => setDone(true)}>
          Compare now
        </button>
      )}
      <button type="button">Compare again</button>
    </Modal>
  )
}

describe('a modal dialog keeps the keyboard', () => {
  it('when the control that had the focus is replaced, the focus comes back into the dialog and Escape still closes it', async () => {
    let closed = 0
    render(<Stepping onClose={() => closed++} />)
    const dialog = screen.getByRole('dialog', { name: 'Compare' })
    const button = screen.getByRole('button', { name: 'Compare now' })
    button.focus()
    await userEvent.keyboard('{Enter}')
    await screen.findByText('2 differences.')
    await waitFor(() => expect(dialog).toContainElement(document.activeElement as HTMLElement))
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus()
    await userEvent.keyboard('{Escape}')
    expect(closed).toBe(1)
  })

  it('Tab from a closed disclosure, the last thing in the dialog, goes round to its first control', async () => {
    render(
      <Modal title="Apply" onClose={() => {}}>
        <button type="button">Bind resources</button>
        <details>
          <summary>Sandbox settings and faults</summary>
          <label>
            Latency <input type="number" />
          </label>
        </details>
      </Modal>,
    )
    const summary = screen.getByText('Sandbox settings and faults')
    summary.focus()
    expect(summary).toHaveFocus()
    await userEvent.tab()
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus()
    await userEvent.tab({ shift: true })
    expect(summary).toHaveFocus()
  })
})
