import { describe, expect, it } from 'vitest'
import { findPrunable, pruneAssignments } from '@/apply/prune.ts'
import { applyEdits } from '@/model/edits.ts'
import { templateById } from '@/templates/index.ts'
import {
  actualAssignments,
  applyOnce,
  expectedAssignments,
  inPageWorld,
  mulberry,
  principalIdsOf,
  SUB,
} from './support.ts'

describe('prune', () => {
  it('offers nothing when Azure matches the design', async () => {
    const world = inPageWorld()
    const applied = await applyOnce(templateById('scenario-3')!.design, world)
    expect(
      await findPrunable(applied.prepared, applied.preview.principals, world.gateway, SUB),
    ).toEqual([])
  })

  it('finds the assignments an edited design no longer has, deletes only the chosen ones, and never touches others', async () => {
    const world = inPageWorld()
    const design = templateById('scenario-3')!.design
    await applyOnce(design, world)
    const edited = applyEdits(design, [
      { type: 'removeEdge', id: 'api-vault' },
      { type: 'updateEdge', id: 'devs-queue', set: { roles: ['Azure Service Bus Data Receiver'] } },
    ])
    if (!edited.ok) throw new Error(edited.error.message)
    const second = await applyOnce(edited.value, world)
    const candidates = await findPrunable(
      second.prepared,
      second.preview.principals,
      world.gateway,
      SUB,
    )
    expect(candidates.map((c) => `${c.principalName}: ${c.roleName}`).sort()).toEqual([
      'Contoso developers: Azure Service Bus Data Sender',
      'contoso-orders-api: Key Vault Secrets User',
    ])
    const results = await pruneAssignments(candidates, {
      gateway: world.gateway,
      clock: world.clock,
      random: mulberry(1),
      pacer: world.pacer,
    })
    expect(results.every((r) => r.outcome === 'deleted')).toBe(true)
    expect(actualAssignments(world.sandbox, principalIdsOf(second, world.sandbox)).sort()).toEqual(
      expectedAssignments(second, world.sandbox).sort(),
    )
    expect(
      await findPrunable(second.prepared, second.preview.principals, world.gateway, SUB),
    ).toEqual([])
  })
})
