import { act, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { Announcer } from '@/ui/a11y/announcer.tsx'
import { design } from '../../support/builder.ts'
import { renderWithStore } from '../render.tsx'

describe('the live region', () => {
  it('counts one of a kind in the singular when a design opens', async () => {
    const t = renderWithStore(
      <Announcer>
        <div />
      </Announcer>,
    )
    // One app reaching one vault with no identity: one connection, one finding, an error.
    const one = design()
      .named('One of each')
      .app('web', { name: 'web' })
      .service('kv', 'keyVault', { name: 'kv' })
      .access('web', 'kv', ['Key Vault Secrets User'])
      .build()
    act(() => t.store.getState().loadDesign(one))
    const region = screen.getByRole('status')
    await waitFor(() => expect(region).toHaveTextContent(/^Opened One of each:/))
    expect(region).toHaveTextContent(
      /^Opened One of each: 2 nodes, 1 connection, 2 findings, 1 error$/,
    )
  })
})
