import { v5 as uuidv5 } from 'uuid'
import { err, ok, type Result } from '../../lib/result.ts'
import type { Caller } from './context.ts'
import { armError } from './errors.ts'
import { GUID } from './ids.ts'
import type { SandboxResponse } from './types.ts'

const CALLER_NAMESPACE = 'c3a7e2f0-1d4b-4e6a-8f2c-9b5d7e1a3c60'

function unauthorized(tenantId: string, why: string): SandboxResponse {
  const response = armError(401, 'AuthenticationFailed', `Authentication failed. ${why}`)
  return {
    ...response,
    headers: {
      ...response.headers,
      'www-authenticate': `Bearer authorization_uri="https://login.microsoftonline.com/${tenantId}", error="invalid_token", error_description="${why}"`,
    },
  }
}

function jwtClaims(token: string): Record<string, unknown> | undefined {
  const [, payload] = token.split('.')
  if (!payload) return undefined
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/')
    const claims: unknown = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')))
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/**
 * The core needs a bearer token, as ARM does, and checks no signature: without sign-in it accepts
 * any token; in sign-in mode the HTTPS server has verified it before (src/sandbox/login). The
 * caller is the token's `oid` claim when it is a JWT, else a GUID derived from the token.
 */
export function callerOf(
  headers: Readonly<Record<string, string>>,
  tenantId: string,
): Result<Caller, SandboxResponse> {
  const header = headers.authorization
  if (header === undefined || header.trim() === '')
    return err(unauthorized(tenantId, "The 'Authorization' header is missing."))
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (!match?.[1])
    return err(
      unauthorized(tenantId, "The 'Authorization' header is provided in an invalid format."),
    )
  const token = match[1]
  const claims = jwtClaims(token)
  const oid =
    typeof claims?.oid === 'string' && GUID.test(claims.oid) ? claims.oid.toLowerCase() : undefined
  const tid =
    typeof claims?.tid === 'string' && GUID.test(claims.tid) ? claims.tid.toLowerCase() : tenantId
  const username = [claims?.upn, claims?.preferred_username, claims?.unique_name].find(
    (c): c is string => typeof c === 'string' && c !== '',
  )
  return ok({
    principalId: oid ?? uuidv5(token, CALLER_NAMESPACE),
    tenantId: tid,
    ...(username ? { username } : {}),
  })
}
