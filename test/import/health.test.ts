import { describe, expect, it } from 'vitest'
import { buildImportedDesign } from '@/import/build-design.ts'
import { importHealth } from '@/import/health.ts'
import { readLive } from '@/import/read-live.ts'
import { checkDesign } from '@/rules/engine.ts'
import { loadEstate } from '@/sandbox/core/estate.ts'
import { templateById } from '@/templates/index.ts'
import { applyOnce, inPageWorld, SUB } from '../apply/support.ts'

describe('the health summary after an import', () => {
  it('names what a reviewer asks about in the demo estate, worst first', async () => {
    const world = inPageWorld()
    const { resourceGroup } = loadEstate(world.sandbox, 'demo')
    const live = await readLive(world.gateway, SUB, resourceGroup)
    const { design } = await buildImportedDesign(live)
    const health = importHealth({
      live,
      rules: checkDesign(design).map((f) => f.rule),
      subscriptionAssignments: 4120,
    })
    expect(health).toEqual({
      tone: 'error',
      lines: [
        '2 grants of a privileged role (Owner, Contributor, access administrators) (privileged-role)',
        // The shared identity's key-exposing role, on each of its four apps, and one more.
        '5 grants of a role that exposes keys (key-exposing-role)',
        '1 identity no app uses (unused-identity)',
        '2 orphaned role assignments (identity deleted: the portal\'s "Identity not found")',
        '4,120 of 5,000 role assignments used in the subscription (880 left)',
      ],
    })
  })

  it('says a group without concerns is clean', async () => {
    const world = inPageWorld()
    await applyOnce(templateById('scenario-1')!.design, world)
    const live = await readLive(world.gateway, SUB, 'sandbox-rg')
    const { design } = await buildImportedDesign(live)
    expect(
      importHealth({
        live,
        rules: checkDesign(design).map((f) => f.rule),
        subscriptionAssignments: 12,
      }),
    ).toEqual({
      tone: 'success',
      lines: [
        'No over-privileged, key-exposing, over-shared, unused or orphaned access found',
        '12 of 5,000 role assignments used in the subscription (4,988 left)',
        // The seeded group's Azure SQL database: not a concern, what ARM cannot show.
        '1 database whose own users ARM does not show: access granted inside it is not imported (see the notes)',
      ],
    })
  })
})
