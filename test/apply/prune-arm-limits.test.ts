import { describe, expect, it } from 'vitest'
import { ARM_DELETE_BUCKETS, ARM_WRITE_BUCKET, bucketFloorMs, ArmPacer } from '@/apply/pacer.ts'
import { prepareApply } from '@/apply/prepare.ts'
import { previewApply } from '@/apply/preview.ts'
import { pruneAssignments } from '@/apply/prune.ts'
import { withReadRetries } from '@/apply/reading.ts'
import type { AttemptNote } from '@/apply/retry.ts'
import { runApply } from '@/apply/run.ts'
import { sandboxDeveloperIds } from '@/apply/sandbox-developers.ts'
import { createSdkGateway } from '@/azure/sdk-gateway.ts'
import { sandboxCredential } from '@/sandbox/client-options.ts'
import {
  assignmentsAt,
  groupGrantsDesign,
  seeded,
  simulatedArm,
  STORAGE_ID,
  SUB,
  TARGET,
} from '../support/simulated-arm.ts'

// ARM's real buckets (writes 200 +10/s per caller, deletes 200 +10/s apart from them: Microsoft
// Learn's token-bucket table), 20 ms latency, the real SDK answered in process, on virtual time.
const GROUPS = 75
const GRANTS = GROUPS * 4

describe('prune at ARM’s real limits, on a virtual clock', () => {
  it('deletes 300 assignments right after the apply that made them: no 429, at the delete bucket’s pace, not the spent write bucket’s', async () => {
    const arm = simulatedArm(20)
    const { clock } = arm
    const pacer = new ArmPacer(ARM_WRITE_BUCKET, clock)
    const gateway = createSdkGateway({
      credential: sandboxCredential,
      clientOptions: arm.clientOptions,
      onRemainingCalls: (n, bucket) => pacer.observeRemaining(n, bucket),
      sleep: (ms, signal) => clock.sleep(ms, signal),
    })
    const reads = withReadRetries(gateway, { clock, random: seeded(1) })

    // A large create: 300 role assignments, which leave ARM's write bucket near empty.
    const design = groupGrantsDesign(GROUPS)
    const prepared = prepareApply(
      design,
      await reads.listResources(SUB, 'sandbox-rg'),
      TARGET,
      sandboxDeveloperIds(design),
    )
    if (!prepared.ok) throw new Error(prepared.error.problems[0]?.message)
    const preview = await previewApply(prepared.value.design, prepared.value.steps, reads, TARGET)
    const report = await runApply(preview, {
      gateway,
      clock,
      random: seeded(2),
      design: design.name,
      target: { ...TARGET, endpoint: 'in-process' },
      pacer,
      concurrency: 16,
    })
    expect(report.counts.created).toBe(GRANTS)

    // Then the prune of all of them, one after the other as prune deletes.
    const groups = new Set(Object.values(sandboxDeveloperIds(design)).map((id) => id.toLowerCase()))
    const held = (await reads.listScopeAssignments(STORAGE_ID)).filter((a) =>
      groups.has(a.principalId.toLowerCase()),
    )
    expect(held).toHaveLength(GRANTS)
    const retries: AttemptNote[] = []
    const start = clock.now()
    const results = await pruneAssignments(
      held.map((assignment) => ({ assignment })),
      { gateway, clock, random: seeded(3), pacer, onRetry: (note) => retries.push(note) },
    )
    const pruneMs = clock.now() - start

    expect(results.filter((r) => r.outcome === 'deleted')).toHaveLength(GRANTS)
    expect(retries.map((n) => n.failure.status)).toEqual([])
    expect(assignmentsAt(arm.sandbox, STORAGE_ID).total).toBe(0)
    // ARM lets 300 deletes through its 200-token delete bucket in 10 s at least; paced on the
    // write bucket the apply emptied, they would take 30 s.
    expect(pruneMs).toBeGreaterThanOrEqual(bucketFloorMs(GRANTS, ARM_DELETE_BUCKETS.caller))
    expect(pruneMs).toBeLessThanOrEqual(13_000)
  })
})
