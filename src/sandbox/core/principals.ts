import { changed, type Ctx, newGuid } from './context.ts'
import type { PrincipalType } from './types.ts'

/** Makes a service principal (a managed identity's) and records when, for PrincipalNotFound. */
export function createServicePrincipal(ctx: Ctx): string {
  const id = newGuid(ctx)
  ctx.state.principals[id] = { id, type: 'ServicePrincipal', createdAt: ctx.now }
  changed(ctx)
  return id
}

export function deletePrincipal(ctx: Ctx, id: string): void {
  delete ctx.state.principals[id.toLowerCase()]
  changed(ctx)
}

export const PRINCIPAL_TYPES: readonly PrincipalType[] = [
  'ServicePrincipal',
  'User',
  'Group',
  'ForeignGroup',
  'Device',
]

export function asPrincipalType(value: unknown): PrincipalType | undefined {
  return PRINCIPAL_TYPES.find(
    (t) => typeof value === 'string' && t.toLowerCase() === value.toLowerCase(),
  )
}
