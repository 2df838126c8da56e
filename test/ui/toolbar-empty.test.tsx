import { act, screen } from '@testing-library/react'
import { createRef } from 'react'
import { describe, expect, it } from 'vitest'
import { templateById } from '@/templates/index.ts'
import { Toolbar } from '@/ui/toolbar.tsx'
import { renderWithStore } from './render.tsx'

const REASON =
  'the design is empty: add nodes from the palette, or start from a tutorial scenario (New) or an import (Azure)'

describe('the toolbar on an empty design', () => {
  it('says why Auto layout and Optimize identities are off, and not once there are nodes', () => {
    const t = renderWithStore(<Toolbar openDialog={() => {}} fileInput={createRef()} />, {
      name: 'Empty',
      nodes: [],
      edges: [],
    })
    const optimize = screen.getByRole('button', { name: 'Optimize identities' })
    const layout = screen.getByRole('button', { name: 'Auto layout' })
    expect(optimize).toBeDisabled()
    expect(optimize).toHaveAttribute('title', `Optimize identities: ${REASON}`)
    expect(layout.title).toMatch(/^Auto layout: the design is empty: /)
    act(() => t.store.getState().loadDesign(templateById('scenario-1')!.design))
    expect(optimize).toBeEnabled()
    expect(optimize).toHaveAttribute('title', 'Optimize identities')
  })
})
