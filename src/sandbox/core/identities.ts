import type { Ctx } from './context.ts'
import { newGuid } from './context.ts'
import { createServicePrincipal } from './principals.ts'
import { isIdentityType } from './resource-types.ts'
import type { JsonObject, ResourceRecord } from './types.ts'

/**
 * A user-assigned identity's read-only properties: made once with a fresh principal (recorded for
 * PrincipalNotFound) and client id, kept by later PUTs. Undefined for any other type.
 */
export function identityProperties(
  ctx: Ctx,
  type: string,
  existing: ResourceRecord | undefined,
): JsonObject | undefined {
  if (!isIdentityType(type)) return undefined
  if (existing) {
    const { tenantId, principalId, clientId } = existing.properties
    if (tenantId !== undefined && principalId !== undefined && clientId !== undefined)
      return { clientId, principalId, tenantId }
  }
  const principalId = createServicePrincipal(ctx)
  return { clientId: newGuid(ctx), principalId, tenantId: ctx.state.tenantId }
}
