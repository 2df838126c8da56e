import type { Ctx } from './context.ts'
import { pageOf } from './paging.ts'
import type { TenantRecord } from './types.ts'

/** The sandbox's own tenant, as GET /tenants names it. */
const HOME: Omit<TenantRecord, 'tenantId'> = {
  displayName: 'Sandbox',
  defaultDomain: 'sandbox.example',
}

/**
 * GET /tenants (Tenants - List, 2022-12-01): every tenant the caller's account is in, whichever
 * tenant its token is for — the sandbox's own, then those seeded (`tenants`).
 */
export function listTenants(ctx: Ctx) {
  const all: TenantRecord[] = [
    { tenantId: ctx.state.tenantId, ...HOME },
    // A seed naming the sandbox's own tenant adds nothing: ARM lists each tenant once.
    ...Object.values(ctx.state.tenants ?? {}).filter(
      (t) => t.tenantId.toLowerCase() !== ctx.state.tenantId.toLowerCase(),
    ),
  ]
  return pageOf(ctx, all, (t) => ({
    id: `/tenants/${t.tenantId}`,
    tenantId: t.tenantId,
    tenantCategory: 'Home',
    displayName: t.displayName,
    defaultDomain: t.defaultDomain,
    domains: [t.defaultDomain],
    tenantType: 'AAD',
  }))
}
