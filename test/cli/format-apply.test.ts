import { describe, expect, it } from 'vitest'
import { formatApplyEvent } from '@/cli/format-apply.ts'

describe('formatApplyEvent', () => {
  it('is what idtopo apply prints for a retry', () => {
    const line = formatApplyEvent({
      type: 'retry',
      step: { title: 'Cosmos DB Built-in Data Contributor for mi-data on contoso-cosmos' },
      note: {
        failure: {
          code: 'BadRequest',
          message: 'The provided principal ID [3f0c…] was not found in the AAD tenant(s) [72f9…]',
        },
        waitMs: 2000,
      },
    } as Parameters<typeof formatApplyEvent>[0])
    expect(line).toBe(
      '        retry  Cosmos DB Built-in Data Contributor for mi-data on contoso-cosmos: Microsoft Entra ID does not know the new identity yet (BadRequest), waiting 2.0 s',
    )
  })
})
