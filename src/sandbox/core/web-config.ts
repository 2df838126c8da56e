import { changed, type Ctx, json } from './context.ts'
import {
  invalidRequestContent,
  methodNotAllowed,
  noRoute,
  parentResourceNotFound,
} from './errors.ts'
import { genericResourceId, leafName, parentOf } from './ids.ts'
import { jsonBody } from './request.ts'
import { findResource, storeChild } from './resource-store.ts'
import { siteBusy } from './site-busy.ts'
import type { Address } from './resources.ts'
import type { JsonObject, SandboxResponse } from './types.ts'

export const WEB_CONFIG = 'microsoft.web/sites/config'

/**
 * `Microsoft.Web/sites/{site}/config/{name}` as App Service answers it: PUT replaces the whole
 * section and answers 200; app settings are secrets, read only through `POST …/appsettings/list`
 * (a GET is refused); other sections read as empty until written.
 */
export function webConfig(ctx: Ctx, at: Address, action: string | undefined): SandboxResponse {
  const parent = parentOf(at.type, at.name)
  const site =
    parent &&
    findResource(
      ctx.state,
      genericResourceId(at.subscriptionId, at.resourceGroup, parent.type, parent.name),
    )
  if (!site) return parentResourceNotFound(parent?.name ?? at.name)
  const section = leafName(at.name).toLowerCase()
  const stored = findResource(ctx.state, at.id)
  const render = (properties: JsonObject): JsonObject => ({
    id: `${site.id}/config/${section}`,
    name: section,
    type: 'Microsoft.Web/sites/config',
    ...(site.location !== undefined ? { location: site.location } : {}),
    properties,
  })
  const method = ctx.request.method
  if (action !== undefined)
    return method === 'POST' && action.toLowerCase() === 'list' && section === 'appsettings'
      ? json(200, render(stored?.properties ?? {}))
      : noRoute(ctx.request.path)
  if (method === 'GET')
    return section === 'appsettings'
      ? methodNotAllowed('GET')
      : json(200, render(stored?.properties ?? {}))
  if (method !== 'PUT') return methodNotAllowed(method)
  const busy = siteBusy(ctx, site.id)
  if (busy) return busy
  const body = jsonBody(ctx.request)
  if (!body.ok) return invalidRequestContent(body.error)
  const p = body.value.properties
  const properties: JsonObject = p && typeof p === 'object' && !Array.isArray(p) ? p : {}
  storeChild(ctx.state, site, 'Microsoft.Web/sites/config', section, properties)
  changed(ctx)
  return json(200, render(properties))
}
