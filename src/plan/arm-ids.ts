import { v5 as uuidv5 } from 'uuid'
import type { Scope } from '../model/kinds.ts'

/** Namespace of this tool's deterministic role assignment names (UUID v5). Never change it. */
export const ASSIGNMENT_NAMESPACE = '6f1c9d2e-3b57-4c8a-9e0f-5a7d2b4c8e61'

export interface ArmIdParts {
  readonly subscriptionId: string
  readonly resourceGroup?: string
  readonly provider?: string
  readonly type?: string
  readonly name?: string
}

const ID_PATTERN =
  /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+)(?:\/providers\/([^/]+)\/(.+))?)?\/?$/i

/** Splits an ARM id; nested types keep their segments (`servers/databases`, `srv/db`). */
export function parseArmId(id: string): ArmIdParts | undefined {
  const m = ID_PATTERN.exec(id.replace(/\/{2,}/g, '/'))
  if (!m) return undefined
  const [, subscriptionId, resourceGroup, provider, rest] = m
  if (!subscriptionId) return undefined
  if (!provider || !rest) return { subscriptionId, ...(resourceGroup ? { resourceGroup } : {}) }
  const segments = rest.split('/')
  const types = segments.filter((_, i) => i % 2 === 0)
  const names = segments.filter((_, i) => i % 2 === 1)
  return {
    subscriptionId,
    resourceGroup,
    provider,
    type: `${provider}/${types.join('/')}`,
    name: names.join('/'),
  }
}

export const subscriptionScope = (subscriptionId: string): string =>
  `/subscriptions/${subscriptionId}`

export const resourceGroupScope = (subscriptionId: string, resourceGroup: string): string =>
  `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`

/** `Microsoft.Storage/storageAccounts` + `st1` → the resource's id in a group. */
export function resourceId(
  subscriptionId: string,
  resourceGroup: string,
  type: string,
  name: string,
): string {
  const [provider, ...types] = type.split('/')
  const names = name.split('/')
  // Extra segments stay in the last name: `a/b` for a storage account must not become `a`.
  const nameOf = (i: number): string =>
    i === types.length - 1 ? names.slice(i).join('/') : (names[i] ?? '')
  const path = types.map((t, i) => `${t}/${nameOf(i)}`).join('/')
  return `${resourceGroupScope(subscriptionId, resourceGroup)}/providers/${provider}/${path}`
}

/** The ARM scope a grant of `scope` kind on a resource means. */
export function armScope(resourceIdOfTarget: string, scope: Scope): string | undefined {
  const parts = parseArmId(resourceIdOfTarget)
  if (!parts) return undefined
  switch (scope) {
    case 'resource':
      return resourceIdOfTarget
    case 'resourceGroup':
      return parts.resourceGroup
        ? resourceGroupScope(parts.subscriptionId, parts.resourceGroup)
        : undefined
    case 'subscription':
      return subscriptionScope(parts.subscriptionId)
  }
}

/** Role definition id in the subscription form live ARM returns. */
export function roleDefinitionResourceId(subscriptionId: string, guid: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${guid}`
}

/** The trailing GUID of a role definition id, in either tenant or subscription form. */
export function roleDefinitionGuidOf(id: string): string {
  return (id.split('/').pop() ?? id).toLowerCase()
}

/**
 * Role assignment names are GUIDs unique across all subscriptions. Deriving them from (scope,
 * principal, role) makes apply idempotent: a re-run PUTs the same name and changes nothing.
 */
export function roleAssignmentName(
  scope: string,
  principalId: string,
  roleDefinitionGuid: string,
): string {
  const key = [scope, principalId, roleDefinitionGuid].map((s) => s.toLowerCase()).join('|')
  return nameUuid(key, ASSIGNMENT_NAMESPACE)
}

/**
 * A name-based (version 5) UUID of any text: of its UTF-8 bytes, as uuid hashes a string, but a
 * lone surrogate in a name (which uuid's own encoding refuses with URIError) becomes U+FFFD
 * instead of failing the whole plan.
 */
export function nameUuid(text: string, namespace: string): string {
  return uuidv5(new TextEncoder().encode(text), namespace)
}
