import type { ArmGateway } from '../apply/gateway.ts'
import type { LiveState } from './drift.ts'
import type { EstateReader } from './estate.ts'
import { readEstate, type ReadOptions } from './read-estate.ts'

export type LiveReader = EstateReader &
  Pick<ArmGateway, 'listUserIdentities' | 'listSubscriptionResources'>

/**
 * What drift compares a design with: the group's estate, and every principal that still exists in
 * the subscription (user-assigned identities and system-assigned resources), so an assignment
 * whose identity was deleted is told apart as orphaned (the portal's "Identity not found").
 */
export async function readLive(
  reader: LiveReader,
  subscriptionId: string,
  resourceGroup: string,
  options: ReadOptions = {},
): Promise<LiveState> {
  const estate = await readEstate(reader, subscriptionId, resourceGroup, options)
  return {
    ...estate,
    subscriptionPrincipals: await readSubscriptionPrincipals(reader, subscriptionId, options),
  }
}

/** Principal ids (lower case) of every user-assigned identity and system-assigned resource. */
export async function readSubscriptionPrincipals(
  reader: Pick<LiveReader, 'listUserIdentities' | 'listSubscriptionResources'>,
  subscriptionId: string,
  options: ReadOptions = {},
): Promise<Set<string>> {
  const o = options.signal ? { signal: options.signal } : {}
  const [identities, resources] = await Promise.all([
    reader.listUserIdentities(subscriptionId, undefined, o),
    reader.listSubscriptionResources(subscriptionId, o),
  ])
  const principals = new Set<string>()
  for (const i of identities) if (i.principalId) principals.add(i.principalId.toLowerCase())
  for (const r of resources)
    if (r.identity?.principalId) principals.add(r.identity.principalId.toLowerCase())
  return principals
}
