/* eslint-disable @typescript-eslint/no-explicit-any -- hcl2json returns untyped JSON; these readers walk it */
// Reads role assignments back out of the three exports, resolving each reference to the name of
// the node it stands for, so tests can compare them with the plan independently of the writers.
import { parse } from '@cdktn/hcl2json'
import type { Design } from '@/model/types.ts'

export interface Found {
  readonly kind: 'rbac' | 'cosmos'
  readonly roleDefinitionId: string
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

/** `# p (type) → target: role [scope]` comments name the target of group and subscription scopes. */
function targetFromComment(d: Design, comment: string | undefined): string {
  const id = /→ ([^:]+):/.exec(comment ?? '')?.[1]
  return d.nodes.find((n) => n.id === id)?.name ?? `?${comment}`
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
  const target = (scope: string, description: string | undefined): string => {
    const k = /^\$\{local\.service_ids\.(\w+)\}/.exec(scope)?.[1]
    return k ? nameFromId(serviceIds[k]!) : targetFromComment(d, description)
  }
  const literal = (name: string): string | undefined => (GUID.test(name) ? name : undefined)
  const rbac = Object.values<any>(json.resource?.azurerm_role_assignment ?? {})
    .map(first)
    .map((r): Found => ({
      kind: 'rbac',
      roleDefinitionId: r.role_definition_id.split('/').pop(),
      target: target(r.scope, r.description),
      principal: principal(r.principal_id),
      principalType: r.principal_type,
      name: literal(r.name),
    }))
  const cosmos = Object.values<any>(json.resource?.azurerm_cosmosdb_sql_role_assignment ?? {})
    .map(first)
    .map((r): Found => ({
      kind: 'cosmos',
      roleDefinitionId: r.role_definition_id.split('/').pop(),
      target: target(r.scope, undefined),
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
    const comment = lines
      .slice(0, i)
      .reverse()
      .find((l) => l.includes(' → '))
    const scope = get('scope') ?? parent
    found.push({
      kind: parent ? 'cosmos' : 'rbac',
      roleDefinitionId: /([0-9a-f-]{36})'?\)?$/.exec(get('roleDefinitionId')!)![1]!,
      target: scope && names.has(scope) ? names.get(scope)! : targetFromComment(d, comment),
      principal,
      principalType: parent ? undefined : unquote(get('principalType')),
      name: GUID.test(name) ? name : undefined,
    })
  }
  return found
}

/** A name written out (a bound plan's); one computed at run time by assignment_name is none. */
const literalName = (word: string | undefined): string | undefined =>
  word?.startsWith('"$(assignment_name') ? undefined : word

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
  const found: Found[] = []
  lines.forEach((l, i) => {
    const words = l.split(' ')
    if (words[0] === 'assign_role') {
      const [, p, type, role, scope, name] = words
      found.push({
        kind: 'rbac',
        roleDefinitionId: role!,
        target:
          scope!.includes('_ID"') && !scope!.includes('RG_ID')
            ? resolve(scope!)
            : targetFromComment(d, lines[i - 1]),
        principal: resolve(p!),
        principalType: type,
        name: literalName(name),
      })
    }
    if (words[0] === 'assign_cosmos_role') {
      const [, account, role, p, name] = words
      found.push({
        kind: 'cosmos',
        roleDefinitionId: role!,
        target: resolve(account!),
        principal: resolve(p!),
        principalType: undefined,
        name: literalName(name),
      })
    }
  })
  return found
}
