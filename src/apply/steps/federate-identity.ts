import { HOSTING } from '../../catalog/hosting.ts'
import { FEDERATION_AUDIENCE } from '../../catalog/workload-identity.ts'
import type { ArmGateway, CallOptions } from '../gateway.ts'
import type { Step } from '../steps.ts'
import type { StepKind } from './step-kind.ts'

type FederateIdentity = Extract<Step, { kind: 'federateIdentity' }>

const ENABLE_ISSUER =
  'turn on the cluster’s OIDC issuer and workload identity (az aks update --enable-oidc-issuer --enable-workload-identity)'

/** The cluster's OIDC issuer URL, or why there is none. */
async function issuerOf(
  step: FederateIdentity,
  gateway: ArmGateway,
  o: CallOptions,
): Promise<{ issuer: string } | { reason: string }> {
  if (!step.clusterId) return { reason: 'the AKS cluster is not bound to an Azure resource' }
  const cluster = await gateway.getResource(step.clusterId, HOSTING.aksWorkload.apiVersion, o)
  if (!cluster) return { reason: `${step.clusterId} does not exist` }
  // ARM spells it `issuerURL` (ManagedClusterOidcIssuerProfile); `az aks show` prints
  // `issuerUrl`, its own rendering of the same field.
  const profile = (cluster.document?.properties as Record<string, unknown> | undefined)
    ?.oidcIssuerProfile as { enabled?: boolean; issuerURL?: string } | undefined
  return profile?.enabled && profile.issuerURL
    ? { issuer: profile.issuerURL }
    : { reason: `the cluster has no OIDC issuer: ${ENABLE_ISSUER}` }
}

/**
 * A federated identity credential on a user-assigned identity for an AKS workload's service
 * account. Managed Identity refuses concurrent credential writes under one identity (409
 * ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity): one identity's
 * credentials share a lane, and a 409 that slips through is retried (retry.ts).
 */
export const federateIdentity: StepKind<FederateIdentity> = {
  async preview(step, { gateway, signal, principals }) {
    const found = await issuerOf(step, gateway, { signal })
    if ('reason' in found) return { step, status: 'cannot', reason: found.reason }
    if (!principals.get({ type: 'userAssigned', node: step.identity }))
      return { step, status: 'create', reason: 'the identity is created by this apply' }
    const live = await gateway.getFederatedCredential(step.identityId, step.name, { signal })
    if (!live) return { step, status: 'create' }
    const same =
      live.issuer === found.issuer &&
      live.subject === step.subject &&
      live.audiences.join(' ') === FEDERATION_AUDIENCE
    return same
      ? { step, status: 'inPlace', reason: `credential ${step.name}` }
      : {
          step,
          status: 'conflict',
          reason: `credential ${step.name} trusts ${live.subject} from ${live.issuer}, will trust ${step.subject} from ${found.issuer}`,
        }
  },
  async execute(step, { gateway, principals, retry, signal }) {
    if (!principals.get({ type: 'userAssigned', node: step.identity }))
      return {
        outcome: 'skipped',
        detail: `identity ${step.identity} does not exist (its creation failed)`,
      }
    const found = await retry(() => issuerOf(step, gateway, { signal }), false)
    if ('reason' in found) return { outcome: 'skipped', detail: found.reason }
    const written = await retry(
      () =>
        gateway.putFederatedCredential(
          step.identityId,
          step.name,
          { issuer: found.issuer, subject: step.subject, audiences: [FEDERATION_AUDIENCE] },
          { signal },
        ),
      true,
    )
    return {
      outcome: written.created ? 'created' : 'unchanged',
      detail: `credential ${step.name}: ${step.subject} from ${found.issuer}`,
      resourceId: step.identityId,
    }
  },
  target: (step) => step.identityId,
  needs: (step) => [
    {
      action: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write',
      scope: step.identityId,
    },
  ],
  lane: (step) => `fic:${step.identityId.toLowerCase()}`,
}
