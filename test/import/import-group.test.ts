import { describe, expect, it } from 'vitest'
import { abortError } from '@/apply/clock.ts'
import type { ArmFailure } from '@/apply/failure.ts'
import { healthOfImport, importGroup } from '@/import/import-group.ts'
import { checkDesign } from '@/rules/engine.ts'
import { loadEstate } from '@/sandbox/core/estate.ts'
import { inPageWorld, SUB } from '../apply/support.ts'

const REFUSED: ArmFailure = {
  status: 403,
  code: 'AuthorizationFailed',
  message: 'The client does not have authorization to perform action over scope /subscriptions',
}

/** The in-page sandbox, read by a caller who may read the group but not list the subscription. */
function groupOnlyReader() {
  const world = inPageWorld()
  const { resourceGroup } = loadEstate(world.sandbox, 'demo')
  const reader = {
    ...world.gateway,
    listUserIdentities: () => Promise.reject(REFUSED),
    listSubscriptionResources: () => Promise.reject(REFUSED),
    listScopeAssignments: (scope: string, o?: { signal?: AbortSignal }) =>
      scope === `/subscriptions/${SUB}`
        ? Promise.reject(REFUSED)
        : world.gateway.listScopeAssignments(scope, o),
  }
  return { reader, resourceGroup, full: world.gateway }
}

describe('importGroup', () => {
  it('imports a group whose caller may not list the subscription, and says what it could not count', async () => {
    const { reader, resourceGroup, full } = groupOnlyReader()
    const partial = await importGroup(reader, SUB, resourceGroup)
    const whole = await importGroup(full, SUB, resourceGroup)
    // The same design as a caller who may read everything: only the summary's figures differ.
    expect(partial.design).toEqual(whole.design)
    expect(partial.live.subscriptionPrincipals).toBeUndefined()
    expect(partial.subscriptionAssignments).toBeUndefined()
    expect(
      healthOfImport(
        partial,
        checkDesign(partial.design).map((f) => f.rule),
      ),
    ).toEqual({
      tone: 'error',
      lines: [
        '2 grants of a privileged role (Owner, Contributor, access administrators) (privileged-role)',
        '5 grants of a role that exposes keys (key-exposing-role)',
        '1 identity no app uses (unused-identity)',
        "Orphaned role assignments not counted: the subscription's identities could not be listed",
        // Import's own look for identities attached from outside the group, refused too.
        '1 read refused or failed (see the notes)',
      ],
    })
  })

  it('stops when asked, even while the subscription is being listed', async () => {
    const { resourceGroup, full } = groupOnlyReader()
    // The group reads fine; the Stop comes while the subscription's resources are listed.
    const stopping = { ...full, listSubscriptionResources: () => Promise.reject(abortError()) }
    await expect(importGroup(stopping, SUB, resourceGroup)).rejects.toMatchObject({
      name: 'AbortError',
    })
  })
})
