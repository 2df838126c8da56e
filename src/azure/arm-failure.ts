import type { PipelineResponse } from '@azure/core-rest-pipeline'
import type { ArmFailure } from '../apply/failure.ts'

/** Retry-After in seconds or as an HTTP date; retry-after-ms variants first (ARM sends them too). */
export function retryAfterMs(
  headers: { get(name: string): string | undefined } | undefined,
  now = Date.now(),
): number | undefined {
  if (!headers) return undefined
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const ms = Number(headers.get(name))
    if (headers.get(name) !== undefined && Number.isFinite(ms)) return ms
  }
  const value = headers.get('retry-after')
  if (value === undefined) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return seconds * 1000
  const date = Date.parse(value)
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined
}

/** ARM's error body `{"error":{"code","message"}}` from a raw response, when there is one. */
export function failureFromResponse(response: PipelineResponse): ArmFailure {
  let code = `Http${response.status}`
  let message = `HTTP ${response.status}`
  try {
    // ARM's `{ error: { code, message } }`, or Microsoft.Web's own `{ Code, Message }` (App
    // Service answers so: microsoft/Partner-Smart-Office#1).
    const body = JSON.parse(response.bodyAsText ?? '') as {
      error?: { code?: string; message?: string }
      Code?: string
      Message?: string
    }
    const found = body.error?.code ?? body.Code
    const said = body.error?.message ?? body.Message
    if (typeof found === 'string' && found) code = found
    if (typeof said === 'string' && said) message = said
  } catch {
    // not JSON: keep the status line
  }
  const wait = retryAfterMs(response.headers)
  return {
    status: response.status,
    code,
    message,
    ...(wait !== undefined ? { retryAfterMs: wait } : {}),
  }
}

interface RestErrorLike {
  name?: string
  code?: string
  statusCode?: number
  message?: string
  response?: PipelineResponse
}

/** Any SDK error as an ArmFailure; AbortErrors pass through untouched. */
export function toArmFailure(e: unknown): unknown {
  const err = e as RestErrorLike
  if (typeof e !== 'object' || e === null || err.name === 'AbortError') return e
  if (err.response && err.response.status >= 400) {
    const f = failureFromResponse(err.response)
    return f.code.startsWith('Http') && err.code ? { ...f, code: err.code } : f
  }
  if (err.statusCode !== undefined && err.statusCode >= 400) {
    return {
      status: err.statusCode,
      code: err.code ?? `Http${err.statusCode}`,
      message: err.message ?? '',
    }
  }
  // A sign-in that failed before any request was sent: asking the same credentials again finds
  // the same answer (it was retried as a dropped connection, for minutes, and blamed the network).
  if (isCredentialError(err))
    return { code: CREDENTIAL_UNAVAILABLE, message: err.message ?? String(e) }
  // Network-level failures (ECONNRESET, ENOTFOUND, REQUEST_SEND_ERROR): no status, retryable.
  return { code: err.code ?? 'NetworkError', message: err.message ?? String(e), network: true }
}

/** The code of a failure to get a token (no status: the request never left). */
export const CREDENTIAL_UNAVAILABLE = 'CredentialUnavailable'

/** The errors @azure/identity signs a failed sign-in with (by name: the package loads late). */
const CREDENTIAL_ERRORS = new Set([
  'CredentialUnavailableError',
  'AuthenticationError',
  'AggregateAuthenticationError',
  'AuthenticationRequiredError',
])

/** DefaultAzureCredential's message when none of its credentials could sign in. */
export const CHAINED_FAILURE = 'ChainedTokenCredential authentication failed'

/** An @azure/identity sign-in failure, by its name or DefaultAzureCredential's message. */
export function isCredentialError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false
  const { name, message } = e as { name?: unknown; message?: unknown }
  return (
    (typeof name === 'string' && CREDENTIAL_ERRORS.has(name)) ||
    (typeof message === 'string' && message.startsWith(CHAINED_FAILURE))
  )
}
