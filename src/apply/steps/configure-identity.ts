import { HOSTING, identityTypeFor } from '../../catalog/hosting.ts'
import type { LiveResource, PatchIdentity } from '../gateway.ts'
import type { Learnt } from '../principals.ts'
import type { Step } from '../steps.ts'
import type { ExecuteContext, StepKind } from './step-kind.ts'
import { parseArmId } from '../../plan/arm-ids.ts'
import { withheldSecrets, withheldWorkflowParameters } from './withheld-secrets.ts'

const ASSIGN_IDENTITY = 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action'

type ConfigureIdentity = Extract<Step, { kind: 'configureIdentity' }>

const hasSystem = (live: LiveResource | undefined): boolean =>
  /SystemAssigned/i.test(live?.identity?.type ?? '')

const attachedKeys = (live: LiveResource | undefined): Set<string> =>
  new Set(Object.keys(live?.identity?.userAssignedIdentities ?? {}).map((k) => k.toLowerCase()))

/** The system identity's principal, when the live resource has it on. */
function systemLearnt(step: ConfigureIdentity, live: LiveResource | undefined): Learnt[] {
  const principalId = live?.identity?.principalId
  return principalId && hasSystem(live)
    ? [{ principal: { type: 'systemAssigned', node: step.app }, known: { principalId } }]
    : []
}

/** What is still missing on the live resource: the system identity, attached identities. */
function missingOn(step: ConfigureIdentity, live: LiveResource | undefined) {
  const attached = attachedKeys(live)
  return {
    system: step.enableSystem && !hasSystem(live),
    attach: step.attach.filter((a) => !attached.has(a.resourceId.toLowerCase())),
  }
}

/** The merged identity property: what is there plus what the step adds, spelt for this provider. */
function desiredIdentity(step: ConfigureIdentity, live: LiveResource): PatchIdentity {
  const system = step.enableSystem || hasSystem(live)
  const assigned = new Map(
    Object.keys(live.identity?.userAssignedIdentities ?? {}).map((k) => [k.toLowerCase(), k]),
  )
  for (const a of step.attach)
    if (!assigned.has(a.resourceId.toLowerCase()))
      assigned.set(a.resourceId.toLowerCase(), a.resourceId)
  const type = identityTypeFor(step.hosting, system, assigned.size > 0)
  return {
    type,
    ...(assigned.size > 0
      ? { userAssignedIdentities: Object.fromEntries([...assigned.values()].map((k) => [k, {}])) }
      : {}),
  }
}

/**
 * Why the whole-resource write-back must not be done (it would clear secrets the GET withheld),
 * with what to do instead; undefined when it may.
 */
function secretsLost(step: ConfigureIdentity, live: LiveResource): string | undefined {
  if (step.hosting === 'containerInstance') {
    const secrets = withheldSecrets(live.document)
    if (secrets.length === 0) return undefined
    return `the container group's ${secrets.join(', ')} cannot be read back, and writing it back to add the identity would clear ${secrets.length === 1 ? 'it' : 'them'}: add the identity where the group is deployed (its template, or az container create --assign-identity)`
  }
  if (step.hosting === 'logicApp') {
    const secrets = withheldWorkflowParameters(live.document)
    if (secrets.length === 0) return undefined
    return `the workflow's ${secrets.join(', ')} cannot be read back, and Logic Apps refuses it written back without ${secrets.length === 1 ? 'its value' : 'their values'}: add the identity where the workflow is deployed (its template)`
  }
  return undefined
}

/** Writes the identity the way the provider takes it: PATCH, or GET + PUT of the whole resource. */
async function write(
  step: ConfigureIdentity,
  live: LiveResource,
  identity: PatchIdentity,
  { gateway, retry, signal }: ExecuteContext,
): Promise<void> {
  const id = live.id || (step.resourceId as string)
  if (HOSTING[step.hosting].identityUpdate === 'patch') {
    await retry(() => gateway.patchIdentity(id, step.apiVersion, identity, { signal }), true)
    return
  }
  // Container groups and workflows ignore `identity` in PATCH: replace the resource as read,
  // with the new identity (as `az resource update` does: GET, change, PUT).
  const document = { ...(live.document ?? {}), identity }
  await retry(() => gateway.putResource(id, step.apiVersion, document, { signal }), true)
}

/**
 * Turns on an app's system-assigned identity and attaches user-assigned ones, then reads the
 * resource back and reports done only when every change is there (a provider that ignored the
 * write is a failure, never "created").
 */
export const configureIdentity: StepKind<ConfigureIdentity> = {
  async preview(step, { gateway, signal, learn }) {
    if (step.manual) return { step, status: 'manual', reason: step.manual }
    if (!step.resourceId)
      return { step, status: 'cannot', reason: 'the app is not bound to an Azure resource' }
    const live = await gateway.getResource(step.resourceId, step.apiVersion, { signal })
    if (!live) return { step, status: 'cannot', reason: `${step.resourceId} does not exist` }
    for (const l of systemLearnt(step, live)) learn(l.principal, l.known)
    const missing = missingOn(step, live)
    if (!missing.system && missing.attach.length === 0) return { step, status: 'inPlace' }
    const lost = secretsLost(step, live)
    if (lost) return { step, status: 'manual', reason: lost }
    const how =
      HOSTING[step.hosting].identityUpdate === 'put'
        ? ` (${HOSTING[step.hosting].label}: its PATCH ignores identity, so the whole resource is read and written back${step.hosting === 'containerInstance' ? '; the container group restarts' : ''})`
        : ''
    return {
      step,
      status: 'create',
      reason:
        [
          missing.system ? 'system-assigned identity is off' : '',
          missing.attach.length
            ? `${missing.attach.length} identit${missing.attach.length === 1 ? 'y' : 'ies'} not attached`
            : '',
        ]
          .filter(Boolean)
          .join('; ') + how,
    }
  },
  async execute(step, ctx) {
    const { gateway, principals, retry, signal } = ctx
    const id = step.resourceId as string
    const missing = step.attach.filter(
      (a) => !principals.get({ type: 'userAssigned', node: a.identity }),
    )
    if (missing.length > 0)
      return {
        outcome: 'skipped',
        detail: `identity ${missing.map((m) => m.identity).join(', ')} does not exist (its creation failed)`,
      }
    const read = () => retry(() => gateway.getResource(id, step.apiVersion, { signal }), false)
    const live = await read()
    if (!live)
      throw {
        code: 'ResourceNotFound',
        status: 404,
        message: `The resource '${id}' was not found.`,
      }
    // Secrets may have appeared since the preview: never clear them.
    const lost = secretsLost(step, live)
    if (lost) return { outcome: 'skipped', detail: lost }
    const identity = desiredIdentity(step, live)
    await write(step, live, identity, ctx)
    const after = await read()
    const still = missingOn(step, after)
    if (still.system || still.attach.length > 0)
      throw {
        code: 'IdentityNotApplied',
        message: `${id} answered the write but its identity is unchanged (${[
          still.system ? 'system-assigned identity still off' : '',
          ...still.attach.map((a) => `${a.resourceId} not attached`),
        ]
          .filter(Boolean)
          .join('; ')}).`,
      }
    return {
      outcome: 'created',
      detail: `identity type ${identity.type}, read back and verified`,
      resourceId: id,
      learnt: systemLearnt(step, after),
    }
  },
  target: (step) => step.resourceId,
  needs: (step) => {
    if (!step.resourceId) return []
    const type = parseArmId(step.resourceId)?.type ?? ''
    return [
      { action: `${type}/write`, scope: step.resourceId },
      // On the identity itself (ARM's linked authorization): one this apply creates has no
      // permissions to read yet.
      ...step.attach.map((a) => ({ action: ASSIGN_IDENTITY, scope: a.resourceId })),
    ]
  },
}
