import { parseFaultPatch, parseSandboxState, parseWorldAdditions } from '../core/admin-schema.ts'
import type { Sandbox } from '../core/sandbox.ts'

import { loadEstate, parseEstate } from '../core/estate.ts'

export const ADMIN_PREFIX = '/_sandbox'

export interface AdminAnswer {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: string
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' }
const ok = (value: unknown, status = 200): AdminAnswer => ({
  status,
  headers: JSON_TYPE,
  body: JSON.stringify(value, null, 2),
})
const fail = (status: number, message: string): AdminAnswer =>
  ok({ error: { code: 'InvalidAdminRequest', message } }, status)

function readJson(body: string | undefined): { value: unknown } | { error: string } {
  if (body === undefined || body.trim() === '') return { value: {} }
  try {
    return { value: JSON.parse(body) as unknown }
  } catch (e) {
    return { error: e instanceof Error ? e.message : 'invalid JSON' }
  }
}

/** The admin endpoint refused: a token is set and the request does not carry it. */
export const adminDenied = (): AdminAnswer => ({
  ...ok(
    {
      error: {
        code: 'AuthenticationFailed',
        message: `${ADMIN_PREFIX} requires the header Authorization: Bearer <the sandbox's admin token>.`,
      },
    },
    401,
  ),
  headers: { ...JSON_TYPE, 'www-authenticate': 'Bearer realm="sandbox-admin"' },
})

const ENDPOINTS = {
  'GET /_sandbox/certificate': 'the server certificate (PEM) to trust',
  'GET /_sandbox/state': 'the whole emulated world as JSON',
  'PUT /_sandbox/state': 'replace the world with a saved state',
  'POST /_sandbox/reset': 'back to the seeded world and default faults; body {"seed": n} optional',
  'POST /_sandbox/seed':
    'add {"principals":[{id,type}], "resourceGroups":[{name,location}], "resources":[{type,name,resourceGroup?,kind?,properties?}], "subscriptions":[…]}',
  'POST /_sandbox/estate':
    'write an estate through ARM: {"name":"demo"} (a messy group, contoso-prod) or {"resourceGroup","apps","identities","assignments","seed"?}',
  'GET /_sandbox/faults': 'the fault settings',
  'PATCH /_sandbox/faults':
    'merge {"latency":{fixedMs,jitterMs}, "throttle":{enabled,capacity,refillPerSecond,globalCapacity,globalRefillPerSecond}, "deleteThrottle":{capacity,refillPerSecond,globalCapacity,globalRefillPerSecond}, "serverErrors":{rate}, "resets":{rate,phase}, "forbiddenScopes":[…]}',
  'DELETE /_sandbox/faults': 'back to the default faults',
  'GET /_sandbox/clock': 'sandbox time',
  'POST /_sandbox/clock': 'advance sandbox time: {"advanceMs": n}',
}

/**
 * The admin endpoint under `/_sandbox/`. On loopback it needs no token; beyond loopback the server
 * requires an admin token (exposure.ts) and checks it before this runs.
 */
export function handleAdmin(
  sandbox: Sandbox,
  certificatePem: string,
  method: string,
  path: string,
  body: string | undefined,
): AdminAnswer {
  const route = `${method.toUpperCase()} ${path.replace(/\/+$/, '') || ADMIN_PREFIX}`
  const input = readJson(body)
  if ('error' in input) return fail(400, `the body is not JSON: ${input.error}`)
  switch (route) {
    case `GET ${ADMIN_PREFIX}`:
      return ok({ endpoints: ENDPOINTS })
    case `GET ${ADMIN_PREFIX}/certificate`:
      return {
        status: 200,
        headers: { 'content-type': 'application/x-pem-file' },
        body: certificatePem,
      }
    case `GET ${ADMIN_PREFIX}/state`:
      return ok(sandbox.snapshot())
    case `PUT ${ADMIN_PREFIX}/state`: {
      const state = parseSandboxState(input.value)
      if (!state.ok) return fail(400, state.error)
      sandbox.load(state.value)
      return ok({ loaded: true })
    }
    case `POST ${ADMIN_PREFIX}/reset`: {
      const seed = (input.value as { seed?: unknown }).seed
      if (seed !== undefined && !Number.isInteger(seed)) return fail(400, 'seed must be an integer')
      sandbox.reset(seed as number | undefined)
      return ok({ reset: true, faults: sandbox.resetFaults() })
    }
    case `POST ${ADMIN_PREFIX}/seed`: {
      const additions = parseWorldAdditions(input.value)
      if (!additions.ok) return fail(400, additions.error)
      sandbox.seed(additions.value)
      return ok({ seeded: true })
    }
    case `POST ${ADMIN_PREFIX}/estate`: {
      const estate = parseEstate(input.value)
      if (!estate.ok) return fail(400, estate.error)
      return ok(loadEstate(sandbox, estate.value))
    }
    case `GET ${ADMIN_PREFIX}/faults`:
      return ok(sandbox.faults())
    case `PATCH ${ADMIN_PREFIX}/faults`:
    case `PUT ${ADMIN_PREFIX}/faults`:
    case `POST ${ADMIN_PREFIX}/faults`: {
      const patch = parseFaultPatch(input.value)
      if (!patch.ok) return fail(400, patch.error)
      return ok(sandbox.setFaults(patch.value))
    }
    case `DELETE ${ADMIN_PREFIX}/faults`:
      return ok(sandbox.resetFaults())
    case `GET ${ADMIN_PREFIX}/clock`:
      return ok({ now: new Date(sandbox.now()).toISOString(), epochMs: sandbox.now() })
    case `POST ${ADMIN_PREFIX}/clock`: {
      const advance = (input.value as { advanceMs?: unknown }).advanceMs
      if (typeof advance !== 'number' || !Number.isFinite(advance) || advance < 0)
        return fail(400, 'advanceMs must be a non-negative number')
      sandbox.advanceClock(advance)
      return ok({ now: new Date(sandbox.now()).toISOString(), epochMs: sandbox.now() })
    }
    default:
      return fail(404, `no admin endpoint ${route}; GET ${ADMIN_PREFIX} lists them`)
  }
}
