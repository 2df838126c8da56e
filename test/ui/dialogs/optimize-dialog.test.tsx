import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { OptimizeDialog } from '@/ui/dialogs/optimize-dialog.tsx'
import { design } from '../../support/builder.ts'
import { renderWithStore } from '../render.tsx'

describe('Optimize identities', () => {
  it('says how many connections it splits and how many would repeat roles once on one identity', () => {
    // api reaches st twice with one role, through mi and its own identity; both land on the one.
    // worker's edge carries two roles for two groups of needs: it is split in two.
    const d = design()
      .app('api', { systemAssigned: true, position: { x: 0, y: 0 } })
      .app('worker', { position: { x: 0, y: 200 } })
      .identity('mi', { name: 'mi-api' })
      .attach('api', 'mi')
      .attach('worker', 'mi')
      .service('st', 'storage', { name: 'st1' })
      .access('api', 'st', ['Storage Blob Data Reader'], { id: 'e1', via: 'mi' })
      .access('api', 'st', ['Storage Blob Data Reader'], { id: 'e2', via: 'system' })
      .access('worker', 'st', ['Storage Blob Data Reader', 'Reader'], { id: 'e3', via: 'mi' })
      .build()
    renderWithStore(<OptimizeDialog onClose={() => {}} />, d)
    expect(screen.getByText(/split because/)).toHaveTextContent(
      /^1 connection is split because its roles go through different identities\.$/,
    )
    expect(screen.getByText(/would repeat roles/)).toHaveTextContent(
      /^1 connection of an app would repeat roles another of its connections to the same service gives through the same identity: the repeated roles are dropped\.$/,
    )
  })
})
