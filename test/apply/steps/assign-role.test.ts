import { describe, expect, it } from 'vitest'
import { succeeded } from '@/apply/report.ts'
import {
  LOGS,
  logsDesign as design,
  putAssignment,
  READERS,
  seedLogstore,
} from '../../support/conditional-access.ts'
import { applyOnce, httpsWorld, QUICK_RETRY, sandboxServerPerFile } from '../support.ts'

const host = sandboxServerPerFile()

/** Made in the portal, say: not the name apply derives. */
const PORTAL_NAME = '0c0c0c0c-0000-4000-8000-000000000001'
const EXISTS = `The role assignment already exists. The ID of the existing role assignment is ${PORTAL_NAME.replace(/-/g, '')}.`

/** The group already holds Storage Blob Data Reader on the account, limited to container `logs`. */
const seedConditional = () =>
  expect(putAssignment(host.server.sandbox, PORTAL_NAME, { condition: LOGS })).toBe(201)

const REASON = `assignment ${PORTAL_NAME} grants this role here only where its condition holds, and the design grants it on the whole resource; ARM allows one assignment per principal, role and scope, so apply cannot add the design's beside it: remove the condition from assignment ${PORTAL_NAME} (or delete that assignment) in the Azure portal, then apply again. Its condition (version 2.0): ${LOGS}`

/** What the sandbox holds for the group: name and condition. */
const held = () =>
  Object.values(host.server.sandbox.snapshot().roleAssignments)
    .filter((a) => a.principalId === READERS)
    .map((a) => [a.name, a.condition])

/**
 * Applies the design to the sandbox's `logstore`: `before` acts before the preview, `beforeRun`
 * between the preview and the run. The assignRole step's preview items and result.
 */
async function applyLogs(when: { before?: () => void; beforeRun?: () => void } = {}) {
  seedLogstore(host.server.sandbox)
  when.before?.()
  const world = await httpsWorld(host.server.url)
  const run = { retry: QUICK_RETRY, ...(when.beforeRun ? { beforeRun: when.beforeRun } : {}) }
  const applied = await applyOnce(design, world, run)
  return {
    applied,
    items: applied.preview.items.filter((i) => i.step.kind === 'assignRole'),
    step: applied.report.steps.find((s) => s.kind === 'assignRole'),
  }
}

describe('a grant held only under an ABAC condition (real SDK over HTTPS)', () => {
  it('is not in place: the preview says what exists, with its condition, and leaves it to the user', async () => {
    const { items, step } = await applyLogs({ before: seedConditional })
    expect(items.map((i) => [i.status, i.reason])).toEqual([['manual', REASON]])
    expect([step?.outcome, step?.manual, step?.detail, step?.attempts]).toEqual([
      'skipped',
      true,
      `manual: ${REASON}`,
      0,
    ])
    // Nothing written: the conditional assignment stays as it was, and no second one was tried.
    expect(held()).toEqual([[PORTAL_NAME, LOGS]])
  }, 30_000)

  it('met at run time (RoleAssignmentExists): not adopted, failed with the reason', async () => {
    // Made between the preview (which found nothing) and the run.
    const { applied, items, step } = await applyLogs({ beforeRun: seedConditional })
    expect(items.map((i) => i.status)).toEqual(['create'])
    expect([step?.outcome, step?.detail, step?.failure]).toEqual([
      'failed',
      undefined,
      { status: 409, code: 'RoleAssignmentExists', message: EXISTS, advice: REASON },
    ])
    expect(succeeded(applied.report)).toBe(false)
    expect(held()).toEqual([[PORTAL_NAME, LOGS]])
  }, 30_000)

  it('without a condition, the same assignment under another name is still adopted, then in place', async () => {
    const adopted = await applyLogs({
      beforeRun: () => expect(putAssignment(host.server.sandbox, PORTAL_NAME)).toBe(201),
    })
    expect([adopted.step?.outcome, adopted.step?.detail]).toEqual([
      'unchanged',
      `adopted the existing assignment: ${EXISTS}`,
    ])
    const again = await applyLogs()
    expect(again.items.map((i) => [i.status, i.reason])).toEqual([
      ['inPlace', `assignment ${PORTAL_NAME}`],
    ])
    expect(held()).toEqual([[PORTAL_NAME, null]])
  }, 30_000)
})
