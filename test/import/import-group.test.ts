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
  return { reader, resourceGroup, full: world.gateway, world }
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

  it('counts toward the subscription limit only assignments at or below it, not those inherited from above', async () => {
    // Microsoft Learn, "Troubleshoot Azure RBAC limits": the 4,000 per subscription "includes role
    // assignments at the subscription, resource group, and resource scopes, but not at the
    // management group scope", counted as `Get-AzRoleAssignment -Scope $scope | Where-Object
    // {$_.scope.StartsWith($scope)}`: the list at a subscription also returns those above it.
    const { resourceGroup, full, world } = groupOnlyReader()
    const before = (await importGroup(full, SUB, resourceGroup)).subscriptionAssignments
    // "Elevate access" gives User Access Administrator at the root scope "/" (Microsoft Learn,
    // "Elevate access to manage all Azure subscriptions and management groups"): ARM keeps it
    // there, and the sandbox takes no writes at the root, so it is put in its world directly.
    const state = world.sandbox.snapshot()
    const at = new Date(0).toISOString()
    const name = 'e0000000-0000-4000-8000-00000000000e'
    state.roleAssignments[name] = {
      name,
      scope: '/',
      roleDefinitionGuid: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
      principalId: 'e0000000-0000-4000-8000-000000000001',
      principalType: 'User',
      description: null,
      condition: null,
      conditionVersion: null,
      createdOn: at,
      updatedOn: at,
      createdBy: name,
      updatedBy: name,
    }
    world.sandbox.load(state)
    const listed = await full.listScopeAssignments(`/subscriptions/${SUB}`)
    expect(listed.some((a) => a.scope === '/')).toBe(true)
    const after = await importGroup(full, SUB, resourceGroup)
    expect(after.subscriptionAssignments).toBe(before)
    expect(after.subscriptionAssignments).toBe(listed.length - 1)
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
