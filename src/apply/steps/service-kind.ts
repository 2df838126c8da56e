import { otherKindOf, SERVICES } from '../../catalog/services.ts'
import { parseArmId } from '../../model/arm-id.ts'
import { SERVICE_KINDS } from '../../model/kinds.ts'
import { otherKindConsequence } from '../binding-checks.ts'
import type { ArmGateway, CallOptions } from '../gateway.ts'

/**
 * Why a grant on this resource would do nothing, read live: the resource is of a type several
 * services share and of another one's kind (an Azure OpenAI role on a Speech account: ARM takes
 * it, and it grants no Azure OpenAI access). Binding checks the group's resources by kind; a node
 * bound to a resource elsewhere is only known here. Undefined when it is fine, cannot be read, or
 * is of a type with one kind (no read is made for those).
 */
export async function otherKindProblem(
  gateway: ArmGateway,
  scope: string,
  o: CallOptions,
): Promise<string | undefined> {
  const parsed = parseArmId(scope)
  if (!parsed.ok || parsed.value.kind !== 'resource') return undefined
  const type = parsed.value.type?.toLowerCase()
  const service = SERVICE_KINDS.find(
    (s) => SERVICES[s].armKinds && SERVICES[s].armType.toLowerCase() === type,
  )
  if (!service) return undefined
  const resource = await gateway.getResource(scope, SERVICES[service].apiVersion, o)
  const other = resource && otherKindOf(service, resource)
  return other ? `${parsed.value.name} is ${other}: ${otherKindConsequence(service)}` : undefined
}
