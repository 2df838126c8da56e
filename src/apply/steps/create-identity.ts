import type { Step } from '../steps.ts'
import { groupOf, type StepKind } from './step-kind.ts'

type CreateIdentity = Extract<Step, { kind: 'createIdentity' }>

/** A user-assigned identity: PUT is idempotent, and its answer carries the principal and client ids. */
export const createIdentity: StepKind<CreateIdentity> = {
  async preview(step, { principals }) {
    const known = principals.get({ type: 'userAssigned', node: step.node })
    return known
      ? { step, status: 'inPlace', reason: `exists (client id ${known.clientId})` }
      : { step, status: 'create' }
  },
  async execute(step, { gateway, retry, signal }) {
    const written = await retry(
      () => gateway.putUserIdentity(step.resourceId, step.location, { signal }),
      true,
    )
    const { principalId, clientId } = written.value
    return {
      outcome: written.created ? 'created' : 'unchanged',
      detail: `principal ${principalId}, client ${clientId}`,
      resourceId: step.resourceId,
      learnt: [
        { principal: { type: 'userAssigned', node: step.node }, known: { principalId, clientId } },
      ],
    }
  },
  target: (step) => step.resourceId,
  needs: (step) => [
    {
      action: 'Microsoft.ManagedIdentity/userAssignedIdentities/write',
      scope: groupOf(step.resourceId),
    },
  ],
}
