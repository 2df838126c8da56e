/* eslint-disable @typescript-eslint/no-explicit-any -- hcl2json returns untyped JSON; these readers walk it */
// Reads role assignments back out of the three exports, resolving each reference to the name of
// the node it stands for, so tests can compare them with the plan independently of the writers.
// Scopes come from each assignment's own scope expression, never from the writers' comments.
import { parse } from '@cdktn/hcl2json'
import type { Scope } from '@/model/kinds.ts'
import type { Design } from '@/model/types.ts'

export interface Found {
  readonly kind: 'rbac' | 'cosmos'
  readonly roleDefinitionId: string
  readonly scope: Scope
  /**
   * At resource scope the service's name; at group or subscription scope the ARM scope id, with
   * `{subscription}` and `{resourceGroup}` for the deployment's own (variables of the export),
   * or NOT_DEPLOYABLE for a Bicep assignment the file comments out.
   */
  readonly target: string
  readonly principal: string
  readonly principalType: string | undefined
  readonly name: string | undefined
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** `…/providers/Microsoft.Sql/servers/srv/databases/db` → `srv/db`. */
export function nameFromId(id: string): string {
  const rest = id.split('/providers/').pop() ?? id
  return rest
    .split('/')
    .slice(1)
    .filter((_, i) => i % 2 === 1)
    .join('/')
}

function byPrincipalId(d: Design, id: string): string {
  const node = d.nodes.find((n) => n.azure?.principalId === id)
  if (!node) throw new Error(`no node has principal id ${id}`)
  return node.name
}

/** The deployment's own subscription and group, as the readers write them in scope ids. */
export const DEPLOYMENT_SUBSCRIPTION = '/subscriptions/{subscription}'
export const DEPLOYMENT_GROUP = `${DEPLOYMENT_SUBSCRIPTION}/resourceGroups/{resourceGroup}`
/** The target of a group- or subscription-scope assignment Bicep cannot deploy from its file. */
export const NOT_DEPLOYABLE = '(not deployable from this file)'

type Where = Pick<Found, 'scope' | 'target'>

/** `/subscriptions/s` or `/subscriptions/s/resourceGroups/g`, else a resource id (its name). */
function whereOfId(id: string): Where {
  const m = /^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+)?$/i.exec(id)
  if (m) return { scope: m[1] ? 'resourceGroup' : 'subscription', target: id }
  if (!id.includes('/providers/')) throw new Error(`not an ARM scope: ${id}`)
  return { scope: 'resource', target: nameFromId(id) }
}

export async function parseTerraform(text: string): Promise<Record<string, any>> {
  return parse('identity.tf', text)
}

export function terraformAssignments(json: Record<string, any>, d: Design): Found[] {
  const first = (x: any) => (Array.isArray(x) ? x[0] : x)
  const ref = (expr: string): string | undefined => /^\$\{([^}]+)\}$/.exec(expr)?.[1]
  const serviceIds: Record<string, string> = first(json.locals)?.service_ids ?? {}
  const principal = (expr: string): string => {
    const r = ref(expr)
    if (!r) return byPrincipalId(d, expr)
    const uami = /^(data\.)?azurerm_user_assigned_identity\.(\w+)\.principal_id$/.exec(r)
    if (uami)
      return first((uami[1] ? json.data : json.resource).azurerm_user_assigned_identity[uami[2]!])
        .name
    const v = /^var\.(\w+)$/.exec(r)
    if (v)
      return /(?:identity of|group|user) (.+)\.$/.exec(first(json.variable[v[1]!]).description)![1]!
    throw new Error(`unknown principal ${expr}`)
  }
  /** A data source's attribute: the deployment's subscription, or a group looked up by name. */
  const dataId = (r: string): string | undefined => {
    if (/^data\.azurerm_subscription\.\w+\.id$/.test(r)) return DEPLOYMENT_SUBSCRIPTION
    const group = /^data\.azurerm_resource_group\.(\w+)\.id$/.exec(r)?.[1]
    if (!group) return undefined
    const name: string = first(json.data.azurerm_resource_group[group]).name
    return name === '${var.resource_group_name}'
      ? DEPLOYMENT_GROUP
      : `${DEPLOYMENT_SUBSCRIPTION}/resourceGroups/${name}`
  }
  const where = (scope: string): Where => {
    const r = ref(scope)
    if (r === undefined) return whereOfId(scope)
    const k = /^local\.service_ids\.(\w+)$/.exec(r)?.[1]
    if (k) return { scope: 'resource', target: nameFromId(serviceIds[k]!) }
    const id = dataId(r)
    if (!id) throw new Error(`unknown scope ${scope}`)
    return whereOfId(id)
  }
  const literal = (name: string): string | undefined => (GUID.test(name) ? name : undefined)
  const rbac = Object.values<any>(json.resource?.azurerm_role_assignment ?? {})
    .map(first)
    .map((r): Found => ({
      kind: 'rbac',
      roleDefinitionId: r.role_definition_id.split('/').pop(),
      ...where(r.scope),
      principal: principal(r.principal_id),
      principalType: r.principal_type,
      name: literal(r.name),
    }))
  const cosmos = Object.values<any>(json.resource?.azurerm_cosmosdb_sql_role_assignment ?? {})
    .map(first)
    .map((r): Found => ({
      kind: 'cosmos',
      roleDefinitionId: r.role_definition_id.split('/').pop(),
      ...where(r.scope),
      principal: principal(r.principal_id),
      principalType: undefined,
      name: literal(r.name),
    }))
  return [...rbac, ...cosmos]
}

export function bicepAssignments(text: string, d: Design): Found[] {
  const lines = text.split('\n')
  const names = new Map<string, string>()
  const params = new Map<string, string>()
  const found: Found[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/^\/\/ (?=resource | {2}|\})/, '')
    const param = /^param (\w+) string/.exec(line)
    if (param) params.set(param[1]!, /@description\('(.*)'\)/.exec(lines[i - 1] ?? '')?.[1] ?? '')
    const head = /^resource (\w+) '([^@]+)@[^']+'( existing)? = \{$/.exec(line)
    if (!head) continue
    const body: string[] = []
    while (!/^(\/\/ )?\}$/.test(lines[++i] ?? '}')) body.push(lines[i]!.replace(/^\/\/ /, ''))
    const get = (key: string): string | undefined =>
      body
        .find((l) => l.trimStart().startsWith(`${key}: `))
        ?.trim()
        .slice(key.length + 2)
    const unquote = (s: string | undefined): string => (s ?? '').replace(/^'|'$/g, '')
    const [sym, type] = [head[1]!, head[2]!]
    const parent = get('parent')
    names.set(sym, parent ? `${names.get(parent)}/${unquote(get('name'))}` : unquote(get('name')))
    if (type !== 'Microsoft.Authorization/roleAssignments' && !type.endsWith('/sqlRoleAssignments'))
      continue
    const principalExpr = get('principalId')!
    const principalSym = /^(\w+)\.(properties|identity)\.principalId$/.exec(principalExpr)?.[1]
    const principal = principalSym
      ? names.get(principalSym)!
      : params.has(principalExpr)
        ? /(?:group|user) (.+)\.$/.exec(params.get(principalExpr)!)![1]!
        : byPrincipalId(d, unquote(principalExpr))
    const name = unquote(get('name'))
    // A Cosmos DB assignment's account is its parent; an RBAC one names its resource in `scope`
    // or, having none, is at the scope of the deployment: the file's resource group. A block the
    // file comments out says why on the line before it (a group or subscription it cannot reach).
    const scope = parent ?? get('scope')
    const unreachable =
      /^\/\/ Not deployable .*\((subscription scope|the service is in another resource group)\)/.exec(
        lines[i - body.length - 2] ?? '',
      )?.[1]
    const where: Where = scope
      ? { scope: 'resource', target: names.get(scope)! }
      : unreachable
        ? {
            scope: unreachable === 'subscription scope' ? 'subscription' : 'resourceGroup',
            target: NOT_DEPLOYABLE,
          }
        : { scope: 'resourceGroup', target: DEPLOYMENT_GROUP }
    found.push({
      kind: parent ? 'cosmos' : 'rbac',
      roleDefinitionId: /([0-9a-f-]{36})'?\)?$/.exec(get('roleDefinitionId')!)![1]!,
      ...where,
      principal,
      principalType: parent ? undefined : unquote(get('principalType')),
      name: GUID.test(name) ? name : undefined,
    })
  }
  return found
}

export function cliAssignments(text: string, d: Design): Found[] {
  const lines = text.split('\n')
  const defs = new Map<string, string>()
  for (const l of lines) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(l)
    if (m) defs.set(m[1]!, m[2]!)
  }
  const resolve = (word: string): string => {
    const v = /^"\$([A-Z0-9_]+)"$/.exec(word)?.[1]
    if (!v) return word.replace(/^'|'$/g, '')
    const def = defs.get(v) ?? ''
    const named =
      /--(?:name|group) '([^']+)'/.exec(def)?.[1] ?? /object ID of (.+?) \(/.exec(def)?.[1]
    if (named) return named
    const ids = /--ids "\$([A-Z0-9_]+)"/.exec(def)?.[1]
    if (ids) return resolve(`"$${ids}"`)
    const value = def.replace(/^["']|["']$/g, '')
    return GUID.test(value) ? byPrincipalId(d, value) : nameFromId(value)
  }
  // A scope word with its variables expanded; the deployment's own subscription and group stay
  // symbolic (they are whatever the caller sets them to).
  const OWN: Readonly<Record<string, string>> = {
    SUBSCRIPTION_ID: '{subscription}',
    RESOURCE_GROUP: '{resourceGroup}',
  }
  const expand = (text: string): string =>
    text.replace(
      /\$\{?([A-Z0-9_]+)\}?/g,
      (_, v: string) => OWN[v] ?? expand((defs.get(v) ?? '').replace(/^["']|["']$/g, '')),
    )
  const found: Found[] = []
  lines.forEach((l) => {
    const words = l.split(' ')
    if (words[0] === 'assign_role') {
      const [, p, type, role, scope, name] = words
      found.push({
        kind: 'rbac',
        roleDefinitionId: role!,
        ...whereOfId(expand(scope!.replace(/^["']|["']$/g, ''))),
        principal: resolve(p!),
        principalType: type,
        name,
      })
    }
    if (words[0] === 'assign_cosmos_role') {
      const [, account, role, p, name] = words
      found.push({
        kind: 'cosmos',
        roleDefinitionId: role!,
        scope: 'resource',
        target: resolve(account!),
        principal: resolve(p!),
        principalType: undefined,
        name,
      })
    }
  })
  return found
}
