/** ARM ids compare without case and with `//` collapsed; state maps are keyed by this form. */
export function idKey(id: string): string {
  const collapsed = id.replace(/\/{2,}/g, '/').replace(/\/+$/, '')
  return (collapsed.startsWith('/') ? collapsed : `/${collapsed}`).toLowerCase()
}

export const subscriptionId = (sub: string): string => `/subscriptions/${sub}`

export const resourceGroupId = (sub: string, group: string): string =>
  `/subscriptions/${sub}/resourceGroups/${group}`

/** `Microsoft.Sql/servers/databases` + `srv/db` → `…/providers/Microsoft.Sql/servers/srv/databases/db`. */
export function genericResourceId(sub: string, group: string, type: string, name: string): string {
  const [namespace, ...types] = type.split('/')
  const names = name.split('/')
  const path = types.map((t, i) => `${t}/${names[i] ?? ''}`).join('/')
  return `${resourceGroupId(sub, group)}/providers/${namespace}/${path}`
}

/** The resource id of a type's parent (`…/servers/srv` for `…/servers/srv/databases/db`). */
export function parentOf(type: string, name: string): { type: string; name: string } | undefined {
  const types = type.split('/')
  const names = name.split('/')
  if (types.length <= 2 || names.length <= 1) return undefined
  return { type: types.slice(0, -1).join('/'), name: names.slice(0, -1).join('/') }
}

export const leafName = (name: string): string => name.split('/').pop() ?? name

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
