import { act, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { Notices } from '@/ui/notices.tsx'
import { renderWithStore } from './render.tsx'

describe('notices', () => {
  it('shows why a file was refused at once: an error alert keeps its details open', () => {
    const t = renderWithStore(<Notices />)
    act(() =>
      t.store.getState().notify({
        tone: 'error',
        title: 'broken.topology.json is not a valid design',
        details: ['nodes[0].kind: expected app, identity, service or developer'],
      }),
    )
    const alert = screen.getByRole('alert')
    expect(within(alert).getByText(/^nodes\[0\]\.kind/)).toBeVisible()
    expect(within(alert).queryByRole('button', { name: /^Details/ })).toBeNull()
  })
})
