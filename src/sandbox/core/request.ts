import type { Json, SandboxRequest } from './types.ts'
import type { Result } from '../../lib/result.ts'
import { err, ok } from '../../lib/result.ts'

/** A request after ARM's normalisation: `//` collapsed, segments decoded, header names lower-case. */
export interface ParsedRequest {
  readonly method: string
  /** Collapsed path without the query and without a trailing slash (`/` for the root). */
  readonly path: string
  readonly segments: readonly string[]
  readonly query: URLSearchParams
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

export function parseRequest(request: SandboxRequest): ParsedRequest {
  const q = request.url.indexOf('?')
  const rawPath = q < 0 ? request.url : request.url.slice(0, q)
  const search = q < 0 ? '' : request.url.slice(q + 1)
  const segments = rawPath
    .split('/')
    .filter((s) => s.length > 0)
    .map(decode)
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value
  return {
    method: request.method.toUpperCase(),
    path: `/${segments.join('/')}`,
    segments,
    query: new URLSearchParams(search),
    headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
  }
}

/** Query parameters by name, ignoring case (`$skiptoken` = `$skipToken`). */
export function queryParam(query: URLSearchParams, name: string): string | undefined {
  const wanted = name.toLowerCase()
  for (const [key, value] of query) if (key.toLowerCase() === wanted) return value
  return undefined
}

/** The JSON object of a request body; ARM answers anything else with InvalidRequestContent. */
export function jsonBody(request: ParsedRequest): Result<{ [key: string]: Json }, string> {
  if (request.body === undefined || request.body.trim() === '') return err('empty request body')
  try {
    const value = JSON.parse(request.body) as Json
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return err('expected a JSON object')
    return ok(value)
  } catch (e) {
    return err(e instanceof Error ? e.message : 'invalid JSON')
  }
}

/**
 * The operation type ARM throttles a request as: each has its own token buckets (Microsoft Learn,
 * "Understand how Azure Resource Manager throttles requests": reads, deletes and writes).
 */
export type ArmOperation = 'read' | 'write' | 'delete'

export function armOperation(method: string): ArmOperation {
  if (method === 'DELETE') return 'delete'
  return method === 'PUT' || method === 'PATCH' || method === 'POST' ? 'write' : 'read'
}

export const sameText = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()
