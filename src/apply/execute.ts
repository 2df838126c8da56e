import { assertNever } from '../lib/assert.ts'
import { roleAssignmentName } from '../plan/arm-ids.ts'
import { isArmFailure } from './failure.ts'
import type { ArmGateway } from './gateway.ts'
import type { PreviewItem } from './preview.ts'
import type { PrincipalDirectory } from './principals.ts'
import type { Outcome } from './report.ts'
import type { Retry } from './retry.ts'
import type { Step } from './steps.ts'

export interface ExecuteContext {
  readonly gateway: ArmGateway
  readonly principals: PrincipalDirectory
  readonly retry: Retry
  readonly signal: AbortSignal | undefined
  /** Run steps the preview found the caller lacks permission for: ARM answers for them. */
  readonly attemptDenied?: boolean
}

export interface Executed {
  readonly outcome: Outcome
  readonly detail?: string
  readonly resourceId?: string
}

/** One step against ARM. Throws an ArmFailure (or AbortError) when it fails; never half-reports. */
export async function executeStep(item: PreviewItem, ctx: ExecuteContext): Promise<Executed> {
  const { step } = item
  if (item.status === 'inPlace')
    return { outcome: 'unchanged', detail: item.reason ?? 'already in place', ...target(step) }
  if (item.status === 'cannot' && !(item.denied && ctx.attemptDenied))
    return { outcome: 'skipped', detail: item.reason ?? 'cannot be applied' }
  if (item.status === 'manual')
    return { outcome: 'skipped', detail: `manual: ${item.reason ?? ''}` }
  const o = { signal: ctx.signal }
  const { gateway, principals, retry } = ctx

  switch (step.kind) {
    case 'createIdentity': {
      const written = await retry(
        () => gateway.putUserIdentity(step.resourceId, step.location, o),
        true,
      )
      principals.set(
        { type: 'userAssigned', node: step.node },
        { principalId: written.value.principalId, clientId: written.value.clientId },
      )
      return {
        outcome: written.created ? 'created' : 'unchanged',
        detail: `principal ${written.value.principalId}, client ${written.value.clientId}`,
        resourceId: step.resourceId,
      }
    }
    case 'configureIdentity': {
      const id = step.resourceId as string
      const missing = step.attach.filter(
        (a) => !principals.get({ type: 'userAssigned', node: a.identity }),
      )
      if (missing.length > 0)
        return {
          outcome: 'skipped',
          detail: `identity ${missing.map((m) => m.identity).join(', ')} does not exist (its creation failed)`,
        }
      const live = await retry(() => gateway.getResource(id, step.apiVersion, o), false)
      if (!live)
        throw {
          code: 'ResourceNotFound',
          status: 404,
          message: `The resource '${id}' was not found.`,
        }
      const current = live.identity
      const system = step.enableSystem || (current?.type ?? '').includes('SystemAssigned')
      const assigned = new Map(
        Object.keys(current?.userAssignedIdentities ?? {}).map((k) => [k.toLowerCase(), k]),
      )
      for (const a of step.attach)
        if (!assigned.has(a.resourceId.toLowerCase()))
          assigned.set(a.resourceId.toLowerCase(), a.resourceId)
      const type = [system ? 'SystemAssigned' : '', assigned.size > 0 ? 'UserAssigned' : '']
        .filter(Boolean)
        .join(', ')
      const patched = await retry(
        () =>
          gateway.patchIdentity(
            id,
            step.apiVersion,
            {
              type,
              ...(assigned.size > 0
                ? {
                    userAssignedIdentities: Object.fromEntries(
                      [...assigned.values()].map((k) => [k, {}]),
                    ),
                  }
                : {}),
            },
            o,
          ),
        true,
      )
      if (patched.identity?.principalId)
        principals.set(
          { type: 'systemAssigned', node: step.app },
          { principalId: patched.identity.principalId },
        )
      return { outcome: 'created', detail: `identity type ${type}`, resourceId: id }
    }
    case 'assignRole': {
      const principal = principals.get(step.principal)
      if (!principal) return noPrincipal(step.principal.node)
      const scope = step.scope as string
      const name = roleAssignmentName(scope, principal.principalId, step.roleGuid)
      try {
        const written = await retry(
          () =>
            gateway.createRoleAssignment(
              scope,
              name,
              {
                roleDefinitionId: step.roleDefinitionId as string,
                principalId: principal.principalId,
                principalType: step.principalType,
              },
              o,
            ),
          true,
        )
        return {
          outcome: written.created ? 'created' : 'unchanged',
          detail: `assignment ${name}`,
          resourceId: scope,
        }
      } catch (e) {
        // An equal assignment under another name (made in the portal, say): adopt it.
        if (isArmFailure(e) && e.code === 'RoleAssignmentExists')
          return {
            outcome: 'unchanged',
            detail: `adopted the existing assignment: ${e.message}`,
            resourceId: scope,
          }
        throw e
      }
    }
    case 'assignCosmosDataRole': {
      const principal = principals.get(step.principal)
      if (!principal) return noPrincipal(step.principal.node)
      const account = step.accountId as string
      const name = roleAssignmentName(account, principal.principalId, step.roleGuid)
      const written = await retry(
        () =>
          gateway.createCosmosRoleAssignment(
            account,
            name,
            {
              roleDefinitionId: `${account}/sqlRoleDefinitions/${step.roleGuid}`,
              scope: account,
              principalId: principal.principalId,
            },
            o,
          ),
        true,
      )
      return {
        outcome: written.created ? 'created' : 'unchanged',
        detail: `sqlRoleAssignment ${name}`,
        resourceId: account,
      }
    }
    case 'setAppSettings': {
      const id = step.resourceId as string
      const values: Record<string, string> = {}
      for (const s of step.settings) {
        const clientId = principals.clientIdOf(s.identity)
        if (!clientId)
          return {
            outcome: 'skipped',
            detail: `identity ${s.identity} does not exist, so ${s.name} has no value`,
          }
        values[s.name] = clientId
      }
      const current = await retry(() => gateway.getAppSettings(id, o), false)
      if (Object.entries(values).every(([k, v]) => current[k] === v))
        return { outcome: 'unchanged', resourceId: id }
      await retry(() => gateway.putAppSettings(id, { ...current, ...values }, o), true)
      return {
        outcome: 'created',
        detail: Object.entries(values)
          .map(([k, v]) => `${k}=${v}`)
          .join(', '),
        resourceId: id,
      }
    }
    case 'sqlScript':
      return { outcome: 'skipped', detail: 'manual: run the T-SQL in the database' }
    default:
      return assertNever(step, 'step')
  }
}

function target(step: Step): { resourceId?: string } {
  switch (step.kind) {
    case 'createIdentity':
      return { resourceId: step.resourceId }
    case 'assignRole':
      return step.scope ? { resourceId: step.scope } : {}
    case 'assignCosmosDataRole':
      return step.accountId ? { resourceId: step.accountId } : {}
    case 'configureIdentity':
    case 'setAppSettings':
      return step.resourceId ? { resourceId: step.resourceId } : {}
    case 'sqlScript':
      return {}
  }
}

function noPrincipal(node: string): Executed {
  return {
    outcome: 'skipped',
    detail: `no principal id for ${node}: its identity was not created or enabled`,
  }
}
