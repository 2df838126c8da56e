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
}

// The preview's role assignment steps with custom roles judged by their permissions as Azure holds
// them: a custom role with `*`, `Microsoft.Authorization/*/write`-like actions and the like needs
// the same confirmation as a privileged built-in. A definition that cannot be read is treated as
// privileged: nobody should grant a role whose reach nobody could check without saying so.
export async function withPrivilegeFromAzure<Item extends Judged>(
  items: readonly Item[],
  gateway: ArmGateway,
  o: CallOptions = {},
): Promise<Item[]> {
  const verdicts = new Map<string, Promise<string | undefined>>()
  const judge = (step: AssignRole): Promise<string | undefined> => {
    const key = step.roleGuid
    let verdict = verdicts.get(key)
    if (!verdict) {
      verdict = readPrivilege(step, gateway, o)
      verdicts.set(key, verdict)
    }
    return verdict
  }
  return Promise.all(
    items.map(async (item) => {
      const { step } = item
      if (step.kind !== 'assignRole' || resolveRole(step.roleGuid).kind !== 'custom') return item
      const because = await judge(step)
      return because
        ? { ...item, step: { ...step, privileged: true, privilegedBecause: because } }
        : item
    }),
  )
}

async function readPrivilege(
  step: AssignRole,
  gateway: ArmGateway,
  o: CallOptions,
): Promise<string | undefined> {
  // Unbound target: the step cannot run, and the preview says why.
  if (!step.scope) return undefined
  try {
    const definition = await gateway.getRoleDefinition(step.scope, step.roleGuid, o)
    if (!definition)
      return 'custom role that does not exist in Azure: its permissions could not be read'
    const reason = privilegeOf(definition.permissions)
    return reason ? `custom role “${definition.roleName}”: ${reason}` : undefined
  } catch (e) {
    if (!isArmFailure(e)) throw e
    return `custom role whose permissions could not be read: ${describeFailure(e)}`
  }
}

/** Steps that need the explicit confirmation (web app checkbox, `--confirm-privileged`). */
export function privilegedItems<Item extends Judged>(items: readonly Item[]): Item[] {
  return items.filter(
    (i) => i.step.kind === 'assignRole' && i.step.privileged && i.status !== 'inPlace',
  )
}
