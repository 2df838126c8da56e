import { describe, expect, it } from 'vitest'
import { formatApplyEvent, formatApplySummary } from '@/cli/format-apply.ts'

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

describe('formatApplySummary', () => {
  const summary = (durationMs: number): string =>
    formatApplySummary({
      design: 'Scenario 2',
      target: {
        resourceGroup: 'sandbox-rg',
        subscriptionId: '00000000-0000-0000-0000-000000000000',
      },
      counts: { created: 3, unchanged: 0, failed: 0, skipped: 0 },
      steps: [],
      cancelled: false,
      durationMs,
    } as unknown as Parameters<typeof formatApplySummary>[0]).split('\n')[0] as string

  it('says how long the apply took in a unit that shows it (a sandbox run said "in 0.0 s")', () => {
    expect(summary(38)).toBe(
      'Applied "Scenario 2" to sandbox-rg (subscription 00000000-0000-0000-0000-000000000000) in 38 ms',
    )
    expect(summary(7_000)).toMatch(/ in 7\.0 s$/)
    expect(summary(125_000)).toMatch(/ in 2 min 05 s$/)
  })
})
