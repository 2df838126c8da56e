import { timingSafeEqual } from 'node:crypto'
import { isLoopbackHost } from '../../lib/loopback.ts'

/**
 * Who can reach the sandbox. On loopback only this machine can; anywhere else anyone on the
 * network could call the admin endpoint (replace the state, switch faults off), so a non-loopback
 * host needs an admin token, and with a token the admin endpoint requires it.
 */
export function exposureProblem(host: string, adminToken: string | undefined): string | undefined {
  if (adminToken !== undefined && adminToken.length < 16)
    return 'the admin token must be at least 16 characters'
  if (adminToken === undefined && !isLoopbackHost(host))
    return `refusing to listen on ${host}: anyone who can reach it could use the admin endpoint (/_sandbox); set an admin token (--admin-token or SANDBOX_ADMIN_TOKEN) to listen beyond loopback`
  return undefined
}

/** Does the request carry `Authorization: Bearer <token>`? Compared in constant time. */
export function hasAdminToken(authorization: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '')
  const wanted = Buffer.from(token)
  return given.length === wanted.length && timingSafeEqual(given, wanted)
}
