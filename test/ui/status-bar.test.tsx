import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { StatusBar } from '@/ui/status-bar.tsx'
import { design } from '../support/builder.ts'
import { renderWithStore } from './render.tsx'

describe('the status bar', () => {
  it('counts one of a kind in the singular: 1 access, 1 identity link', () => {
    renderWithStore(
      <StatusBar />,
      design()
        .app('web', { name: 'contoso-web' })
        .identity('mi', { name: 'mi-unused' })
        .service('st', 'storage', { name: 'contosoassets' })
        .attach('web', 'mi')
        .access('web', 'st', ['Storage Blob Data Reader'], { via: 'mi' })
        .build(),
    )
    const bar = within(screen.getByRole('contentinfo'))
    for (const count of ['3 nodes', '1 access', '1 identity link', '1 Azure role assignment'])
      expect(bar.getByText(count, { exact: true })).toBeInTheDocument()
  })

  it('says 1 node and reads 1 warning, not 1 nodes and 1 warnings', () => {
    renderWithStore(<StatusBar />, design().identity('mi', { name: 'mi-lonely' }).build())
    expect(
      within(screen.getByRole('contentinfo')).getByText('1 node', { exact: true }),
    ).toBeInTheDocument()
    expect(
      screen.getByRole('button', { name: 'Problems: 0 errors, 1 warning, 0 suggestions' }),
    ).toBeInTheDocument()
  })
})
