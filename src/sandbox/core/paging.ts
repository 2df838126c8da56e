import { type Ctx, json } from './context.ts'
import { queryParam } from './request.ts'
import type { Json, SandboxResponse } from './types.ts'

/**
 * One page of a list as ARM answers it: `{ value, nextLink? }`, the link absolute and carrying the
 * request's own query (api-version, $filter) with `$skipToken` set, since SDKs follow it as is.
 */
export function pageOf<T>(
  ctx: Ctx,
  items: readonly T[],
  render: (item: T) => Json,
): SandboxResponse {
  const token = Number(queryParam(ctx.request.query, '$skipToken') ?? '0')
  const start = Number.isInteger(token) && token > 0 ? token : 0
  const top = Number(queryParam(ctx.request.query, '$top') ?? 'NaN')
  const size =
    Number.isInteger(top) && top > 0 ? Math.min(top, ctx.settings.pageSize) : ctx.settings.pageSize
  const end = start + size
  const value = items.slice(start, end).map(render)
  if (end >= items.length) return json(200, { value })
  const query = new URLSearchParams()
  for (const [key, v] of ctx.request.query)
    if (key.toLowerCase() !== '$skiptoken') query.append(key, v)
  query.set('$skipToken', String(end))
  // URLSearchParams writes `$` and spaces as %24 and +; ARM writes them readable and %20-encoded.
  const search = query.toString().replace(/%24/g, '$').replace(/\+/g, '%20')
  return json(200, { value, nextLink: `${ctx.origin}${ctx.request.path}?${search}` })
}
