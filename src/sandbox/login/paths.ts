/** Microsoft Entra ID's v2 endpoint paths for a tenant, as the sandbox serves them. */
export interface EntraPaths {
  /** The tenant's root: every sign-in path starts with it. */
  readonly tenant: string
  readonly issuer: string
  readonly discovery: string
  readonly authorize: string
  readonly token: string
  readonly keys: string
  readonly logout: string
  readonly userinfo: string
  /** The sandbox's own login page (Entra's is on its own host). */
  readonly login: string
}

export function entraPaths(tenantId: string): EntraPaths {
  const tenant = `/${tenantId}`
  return {
    tenant,
    issuer: `${tenant}/v2.0`,
    discovery: `${tenant}/v2.0/.well-known/openid-configuration`,
    authorize: `${tenant}/oauth2/v2.0/authorize`,
    token: `${tenant}/oauth2/v2.0/token`,
    keys: `${tenant}/discovery/v2.0/keys`,
    logout: `${tenant}/oauth2/v2.0/logout`,
    userinfo: `${tenant}/openid/userinfo`,
    login: `${tenant}/login`,
  }
}
