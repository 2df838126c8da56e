import { createLocalJWKSet, errors, jwtVerify, type JWK } from 'jose'
import { armError } from '../core/errors.ts'
import type { SandboxResponse } from '../core/types.ts'
import { ARM_AUDIENCES } from './directory.ts'

export interface TokenVerifierOptions {
  readonly issuer: string
  /** Where a client signs in: named by `WWW-Authenticate`'s `authorization_uri`. */
  readonly authority: string
  /** The provider's public signing keys. */
  readonly keys: readonly JWK[]
  /** Sandbox time (ms): expiry is judged on the emulator's clock, which tests may move. */
  readonly now: () => number
  /** Leeway for clock skew on `exp` and `nbf`, as token validation libraries allow (5 minutes). */
  readonly clockToleranceSeconds: number
}

/** undefined when the request may go on; else ARM's 401. */
export type TokenCheck = (authorization: string | undefined) => Promise<SandboxResponse | undefined>

/**
 * Sign-in mode's front door: a bearer token must be a JWT the sandbox's provider signed (RS256,
 * its keys), from its issuer, for `https://management.azure.com`, and not expired — `alg: none`,
 * a foreign key, another audience or an old token get ARM's 401 with `WWW-Authenticate`. A request
 * without a token goes on to the core, which answers it as ARM does (401 AuthenticationFailed).
 */
export function tokenVerifier(options: TokenVerifierOptions): TokenCheck {
  const keys = createLocalJWKSet({ keys: [...options.keys] })
  const refuse = (message: string): SandboxResponse => {
    const response = armError(401, 'InvalidAuthenticationToken', message)
    return {
      ...response,
      headers: {
        ...response.headers,
        'www-authenticate': `Bearer authorization_uri="${options.authority}", error="invalid_token", error_description="${message.replace(/"/g, "'")}"`,
      },
    }
  }
  return async (authorization) => {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1]
    if (!token) return undefined
    try {
      await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: ARM_AUDIENCES,
        algorithms: ['RS256'],
        currentDate: new Date(options.now()),
        clockTolerance: options.clockToleranceSeconds,
        requiredClaims: ['exp', 'oid', 'tid'],
      })
      return undefined
    } catch (e) {
      if (e instanceof errors.JWTExpired)
        return refuse(
          `The access token expiry UTC time '${dotNetTime(Number(e.payload.exp) * 1000)}' is earlier than current UTC time '${dotNetTime(options.now())}'.`,
        )
      if (e instanceof errors.JWTClaimValidationFailed && e.claim === 'aud')
        return refuse(
          `The access token has been obtained for wrong audience or resource '${String(e.payload.aud)}'. It should exactly match with one of the allowed audiences ${ARM_AUDIENCES.map((a) => `'${a}'`).join(',')}.`,
        )
      return refuse('The access token is invalid.')
    }
  }
}

/** ARM writes times the .NET way: `3/14/2026 3:25:52 PM`. */
function dotNetTime(ms: number): string {
  const d = new Date(ms)
  const hours = d.getUTCHours()
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${hours % 12 || 12}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`
}
