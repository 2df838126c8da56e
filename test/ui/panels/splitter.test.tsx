import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { memoryStorage } from '@/store/effects.ts'
import type { KeyValueStorage } from '@/lib/key-value-storage.ts'
import { DEFAULT_SIZES, readSizes, usePanelSizes } from '@/ui/panels/panel-sizes.ts'
import { PanelSplitter } from '@/ui/panels/splitter.tsx'

/** The inspector's splitter over stored sizes, showing the width it would give the panel. */
function Harness({ storage }: { storage: KeyValueStorage }) {
  const [sizes, resize] = usePanelSizes(storage)
  return (
    <>
      <PanelSplitter which="inspector" sizes={sizes} resize={resize} />
      <output>{sizes.inspectorCollapsed ? 'shut' : `${sizes.inspector}px`}</output>
    </>
  )
}

describe('panel splitters', () => {
  it('resize with the arrows, stop at the limits, collapse with Enter, and persist', async () => {
    const storage = memoryStorage()
    const first = render(<Harness storage={storage} />)
    const bar = screen.getByRole('separator', { name: 'Resize inspector' })
    expect(bar.getAttribute('aria-valuenow')).toBe('330')
    fireEvent.keyDown(bar, { key: 'ArrowLeft' })
    fireEvent.keyDown(bar, { key: 'ArrowLeft' })
    expect(screen.getByRole('status').textContent).toBe('362px')
    fireEvent.keyDown(bar, { key: 'Home' })
    fireEvent.keyDown(bar, { key: 'ArrowRight' })
    expect(bar.getAttribute('aria-valuenow')).toBe('240')
    fireEvent.keyDown(bar, { key: 'End' })
    expect(screen.getByRole('status').textContent).toBe('720px')
    fireEvent.keyDown(bar, { key: 'Enter' })
    expect(screen.getByRole('status').textContent).toBe('shut')
    expect(
      screen.getByRole('button', { name: 'Expand inspector' }).getAttribute('aria-expanded'),
    ).toBe('false')
    await waitFor(() =>
      expect(storage.data.get('panel-sizes')).toEqual({
        ...DEFAULT_SIZES,
        inspector: 720,
        inspectorCollapsed: true,
      }),
    )
    first.unmount()

    render(<Harness storage={storage} />)
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('shut'))
    fireEvent.click(screen.getByRole('button', { name: 'Expand inspector' }))
    expect(screen.getByRole('status').textContent).toBe('720px')
  })

  it('resizes by dragging: towards the panel shrinks it', () => {
    render(<Harness storage={memoryStorage()} />)
    const bar = screen.getByRole('separator', { name: 'Resize inspector' })
    // jsdom has no pointer capture.
    bar.setPointerCapture = () => undefined
    act(() => {
      fireEvent.pointerDown(bar, { button: 0, clientX: 500, pointerId: 1 })
      fireEvent.pointerMove(bar, { clientX: 400, pointerId: 1 })
    })
    expect(screen.getByRole('status').textContent).toBe('430px')
    act(() => {
      fireEvent.pointerMove(bar, { clientX: 560, pointerId: 1 })
      fireEvent.pointerUp(bar, { pointerId: 1 })
      fireEvent.pointerMove(bar, { clientX: 100, pointerId: 1 })
    })
    expect(screen.getByRole('status').textContent).toBe('270px')
  })

  it('reads stored sizes field by field, falling back on anything odd', () => {
    expect(readSizes({ inspector: 9999, bottom: 'x', bottomCollapsed: 'yes' })).toEqual({
      ...DEFAULT_SIZES,
      inspector: 720,
    })
    expect(readSizes(null)).toEqual(DEFAULT_SIZES)
  })
})
