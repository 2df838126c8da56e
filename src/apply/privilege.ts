import { privilegeOf } from '../catalog/privilege.ts'
import { resolveRole } from '../catalog/roles.ts'
import { describeFailure } from './describe.ts'
import { isArmFailure } from './failure.ts'
import type { ArmGateway, CallOptions } from './gateway.ts'
import type { Step } from './steps.ts'

type AssignRole = Extract<Step, { kind: 'assignRole' }>

/** A preview item as far as privilege goes (preview.ts's PreviewItem). */
interface Judged {
  readonly step: Step
  readonly status: string
  readonly reason?: string
}

/** What Azure's definition of a custom role says about a grant of it. */
type Verdict =
  | { readonly privilegedBecause: string }
  /** Azure has no such role where it would be granted: the grant would be refused. */
  | { readonly missing: string }
  | undefined

// The preview's role assignment steps with custom roles judged by their definitions as Azure holds
// them: a custom role with `*`, `Microsoft.Authorization/*/write`-like actions and the like needs
// the same confirmation as a privileged built-in. A definition that cannot be read is treated as
// privileged: nobody should grant a role whose reach nobody could check without saying so. One
// Azure says does not exist cannot be granted (RoleDefinitionDoesNotExist): the step is one the
// apply cannot make, said before it starts rather than as a failure halfway.
export async function withPrivilegeFromAzure<Item extends Judged>(
  items: readonly Item[],
  gateway: ArmGateway,
  o: CallOptions = {},
): Promise<Item[]> {
  const verdicts = new Map<string, Promise<Verdict>>()
  const judge = (step: AssignRole): Promise<Verdict> => {
    const key = `${step.roleGuid} ${step.scope ?? ''}`.toLowerCase()
    let verdict = verdicts.get(key)
    if (!verdict) {
      verdict = readDefinition(step, gateway, o)
      verdicts.set(key, verdict)
    }
    return verdict
  }
  return Promise.all(
    items.map(async (item) => {
      const { step } = item
      if (step.kind !== 'assignRole' || resolveRole(step.roleGuid).kind !== 'custom') return item
      const verdict = await judge(step)
      if (!verdict) return item
      if ('missing' in verdict)
        return item.status === 'create' || item.status === 'conflict'
          ? { ...item, status: 'cannot', reason: verdict.missing }
          : item
      return {
        ...item,
        step: { ...step, privileged: true, privilegedBecause: verdict.privilegedBecause },
      }
    }),
  )
}

async function readDefinition(
  step: AssignRole,
  gateway: ArmGateway,
  o: CallOptions,
): Promise<Verdict> {
  // Unbound target: the step cannot run, and the preview says why.
  if (!step.scope) return undefined
  try {
    const definition = await gateway.getRoleDefinition(step.scope, step.roleGuid, o)
    if (!definition)
      return {
        missing: `Azure has no role definition ${step.roleGuid} that can be granted here: create the custom role (with this scope among its assignable scopes) or pick another role; one created minutes ago may not have reached every region yet, so preview again then`,
      }
    const reason = privilegeOf(definition.permissions)
    return reason
      ? { privilegedBecause: `custom role “${definition.roleName}”: ${reason}` }
      : undefined
  } catch (e) {
    if (!isArmFailure(e)) throw e
    return {
      privilegedBecause: `custom role whose permissions could not be read: ${describeFailure(e)}`,
    }
  }
}

/** Steps that need the explicit confirmation (web app checkbox, `--confirm-privileged`). */
export function privilegedItems<Item extends Judged>(items: readonly Item[]): Item[] {
  return items.filter(
    (i) => i.step.kind === 'assignRole' && i.step.privileged && i.status !== 'inPlace',
  )
}
