/* eslint-disable @typescript-eslint/no-explicit-any -- hcl2json returns untyped JSON; these readers walk it */
// Reads role assignments back out of the three exports, resolving each reference to the name of
// the node it stands for, so tests can compare them with the plan independently of the writers.
// Scopes are read from the expressions themselves (a scope attribute, a `guid()` argument, the
// scope a deterministic name was computed over, the `--scope` az receives), never from comments.
import { parse } from '@cdktn/hcl2json'
import { HOSTING } from '@/catalog/hosting.ts'
import { SERVICES } from '@/catalog/services.ts'
import { exportModel, type ExportModel } from '@/export/model.ts'
import { serviceIdOf } from '@/export/shared.ts'
import type { Design, DesignNode } from '@/model/types.ts'
import { terminalText } from '@/lib/encode/terminal.ts'
import { armScope, parseArmId, resourceId, roleAssignmentName } from '@/plan/arm-ids.ts'
import { declarations, entry, literal, type Token } from '../support/bicep-syntax.ts'
import { asBash, FAKE_GROUP, FAKE_SUBSCRIPTION, fakeHash, runScript } from '../support/fake-az.ts'

export interface Found {
  readonly kind: 'rbac' | 'cosmos'
  readonly roleDefinitionId: string
  /** The service's name at resource scope; else `resourceGroup <id>` / `subscription <id>`. */
  readonly target: string
  readonly principal: string
  readonly principalType: string | undefined
  readonly name: string | undefined
}

/** The deployment's own group or subscription, where an export leaves it to deployment time. */
export const DEPLOYMENT = '(deployment)'

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function armTypeOf(n: DesignNode): string | undefined {
  if (n.kind === 'service') return SERVICES[n.service].armType
  if (n.kind === 'app') return HOSTING[n.hosting].armType
  if (n.kind === 'identity') return 'Microsoft.ManagedIdentity/userAssignedIdentities'
  return undefined
}

/** A node's id where the export builds it from the deployment's group: `resourceId` of the plan. */
function builtId(n: DesignNode, subscription: string, group: string): string | undefined {
  const type = armTypeOf(n)
  return type ? resourceId(subscription, group, type, n.name) : undefined
}

/** `resourceGroup <id>`, `subscription <id>`, or the service's name for an id of a node. */
function scopeTarget(d: Design, scope: string, ids: (n: DesignNode) => string | undefined): string {
  const node = d.nodes.find((n) => n.kind === 'service' && ids(n) === scope)
  if (node) return node.name
  const parts = parseArmId(scope)
  if (parts?.resourceGroup && !parts.provider) return `resourceGroup ${scope}`
  if (parts && !parts.resourceGroup) return `subscription ${scope}`
  return `?${scope}`
}

/**
 * The node an export names, by its Azure name (`parent/child` for a nested type): a bound node's
 * name in its resource id, else its own name, as a UTF-8 file holds it (U+FFFD for a lone
 * surrogate).
 */
function nodeNamed(d: Design, name: string, ...kinds: DesignNode['kind'][]): string {
  const azureName = (n: DesignNode): string | undefined =>
    n.azure?.resourceId ? parseArmId(n.azure.resourceId)?.name : n.name
  const node = d.nodes.find(
    (n) => kinds.includes(n.kind) && asFile(azureName(n) ?? '') === asFile(name),
  )
  return node?.name ?? `?${name}`
}

/**
 * A text as a reader gets it back from a file: UTF-8 (U+FFFD for a lone surrogate) and, since
 * HCL normalizes every string literal to NFC (escapes included: hashicorp/hcl, read through
 * @cdktn/hcl2json), in NFC. Names already in NFC, as people type them, are unchanged.
 */
export function asFile(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8').normalize('NFC')
}

/**
 * A found assignment with its names as a file can carry them (asFile): two names a file cannot
 * tell apart (two lone surrogates, both U+FFFD) name the same thing to a reader.
 */
const asFound = (f: Found): Found => ({
  ...f,
  target: asFile(f.target),
  principal: asFile(f.principal),
})

function byPrincipalId(d: Design, id: string): string {
  const node = d.nodes.find((n) => n.azure?.principalId === id)
  if (!node) throw new Error(`no node has principal id ${id}`)
  return node.name
}

/** What each export must hold by the plan: role definition, target, principal, type, name. */
export function expected(d: Design, reader: 'bicep' | 'other' = 'other'): Found[] {
  const m = exportModel(d)
  const name = (node: string): string => m.names[node] ?? node
  return [...m.roleAssignments, ...m.cosmosAssignments]
    .map((a) => {
      // Cosmos DB data roles live on the account, whatever scope the edge asks for.
      const scope = a.action === 'assignRole' ? a.scope : 'resource'
      const literal = a.arm?.name ?? appliedName(m, a)
      return {
        kind: a.action === 'assignRole' ? ('rbac' as const) : ('cosmos' as const),
        roleDefinitionId: a.roleDefinitionId,
        target:
          reader === 'bicep' && literal && scope !== 'resource'
            ? namedScopeTarget(m, a.target, scope)
            : expectedTarget(d, a.target, scope),
        principal: name(a.principal.node),
        principalType: a.action === 'assignRole' ? a.principalType : undefined,
        name: literal,
      }
    })
    .map(asFound)
    .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))
}

/**
 * A group or subscription assignment's target as Bicep carries it when its name is a literal:
 * Bicep has no UUID v5 function, so the export writes apply's name, computed over the scope the
 * export model gives the service (its binding, else the group and subscription the export infers
 * from the design, serviceIdOf), and that name is the file's only trace of the scope.
 */
function namedScopeTarget(
  m: ExportModel,
  target: string,
  scope: 'resourceGroup' | 'subscription',
): string {
  const parts = parseArmId(serviceIdOf(m, target) ?? '')
  if (!parts) throw new Error(`a literal name for ${target} without a service id`)
  return scope === 'resourceGroup'
    ? `resourceGroup /subscriptions/${parts.subscriptionId}/resourceGroups/${parts.resourceGroup}`
    : `subscription /subscriptions/${parts.subscriptionId}`
}

/**
 * The name `idtopo apply` gives an assignment whose principal id and service id the export
 * knows (every export writes it then); undefined when either is made or read at deployment.
 */
function appliedName(
  m: ExportModel,
  a: ExportModel['roleAssignments'][number] | ExportModel['cosmosAssignments'][number],
): string | undefined {
  const principalId =
    a.principal.type === 'systemAssigned'
      ? m.apps.find((x) => x.node === a.principal.node)?.principalId
      : a.principal.type === 'developer'
        ? m.developers.find((x) => x.node === a.principal.node)?.principalId
        : undefined
  const service = serviceIdOf(m, a.target)
  if (!principalId || !service) return undefined
  const scope = a.action === 'assignRole' ? armScope(service, a.scope) : service
  return scope ? roleAssignmentName(scope, principalId, a.roleDefinitionId) : undefined
}

/** An assignment's target as the readers report it: the service, or the group or subscription. */
function expectedTarget(
  d: Design,
  target: string,
  scope: 'resource' | 'resourceGroup' | 'subscription',
): string {
  const node = d.nodes.find((n) => n.id === target)
  if (scope === 'resource') return node?.name ?? target
  const parts = node?.azure?.resourceId ? parseArmId(node.azure.resourceId) : undefined
  if (scope === 'resourceGroup')
    return `resourceGroup ${parts?.resourceGroup ? `/subscriptions/${parts.subscriptionId}/resourceGroups/${parts.resourceGroup}` : DEPLOYMENT}`
  return `subscription ${parts ? `/subscriptions/${parts.subscriptionId}` : DEPLOYMENT}`
}

// ---------------------------------------------------------------------------------------------
// Terraform

export async function parseTerraform(text: string): Promise<Record<string, any>> {
  return parse('identity.tf', text)
}

/** The literal value of a template hcl2json returns (JSON profile: `$${` and `%%{` are escapes). */
export function hclLiteral(template: string): string {
  return template.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')
}

const RG_REF = 'data.azurerm_resource_group.this.id'
const SUB_REF = 'data.azurerm_subscription.current.id'

export function terraformAssignments(json: Record<string, any>, d: Design): Found[] {
  const first = (x: any) => (Array.isArray(x) ? x[0] : x)
  const ref = (expr: string): string | undefined => /^\$\{([^}]+)\}$/.exec(expr)?.[1]
  const serviceIds: Record<string, string> = first(json.locals)?.service_ids ?? {}
  const principal = (expr: string): string => {
    const r = ref(expr)
    if (!r) return byPrincipalId(d, hclLiteral(expr))
    const uami = /^(data\.)?azurerm_user_assigned_identity\.(\w+)\.principal_id$/.exec(r)
    if (uami)
      return nodeNamed(
        d,
        hclLiteral(
          first((uami[1] ? json.data : json.resource).azurerm_user_assigned_identity[uami[2]!])
            .name,
        ),
        'identity',
      )
    const v = /^var\.(\w+)$/.exec(r)
    if (v)
      return nodeNamed(
        d,
        /(?:identity of|group|user) ([\s\S]+)\.$/.exec(
          hclLiteral(first(json.variable[v[1]!]).description),
        )![1]!,
        'app',
        'developer',
      )
    throw new Error(`unknown principal ${expr}`)
  }
  // A service id is bound (a literal) or built on the deployment's group: `${RG_REF}/providers/…`.
  const rgRef = `\${${RG_REF}}`
  const serviceId = (n: DesignNode): string | undefined => {
    const id =
      n.azure?.resourceId ??
      builtId(n, 's', 'g')?.replace('/subscriptions/s/resourceGroups/g', rgRef)
    return id === undefined ? undefined : asFile(id)
  }
  const target = (scope: string): string => {
    const k = /^\$\{local\.service_ids\.(\w+)\}$/.exec(scope)?.[1]
    if (k) {
      const id = serviceIds[k]!
      // `${RG_REF}` then the literal path, or a literal id: the literal parts decoded.
      const literalId = id.startsWith(rgRef)
        ? `${rgRef}${asFile(hclLiteral(id.slice(rgRef.length)))}`
        : asFile(hclLiteral(id))
      return (
        d.nodes.find((n) => n.kind === 'service' && serviceId(n) === literalId)?.name ?? `?${id}`
      )
    }
    if (scope === `\${${RG_REF}}`) return `resourceGroup ${DEPLOYMENT}`
    if (scope === `\${${SUB_REF}}`) return `subscription ${DEPLOYMENT}`
    return scopeTarget(d, hclLiteral(scope), () => undefined)
  }
  const name = (n: string): string | undefined => (GUID.test(n) ? n : undefined)
  const rbac = Object.values<any>(json.resource?.azurerm_role_assignment ?? {})
    .map(first)
    .map((r): Found => ({
      kind: 'rbac',
      roleDefinitionId: r.role_definition_id.split('/').pop(),
      target: target(r.scope),
      principal: principal(r.principal_id),
      principalType: r.principal_type,
      name: name(r.name),
    }))
  const cosmos = Object.values<any>(json.resource?.azurerm_cosmosdb_sql_role_assignment ?? {})
    .map(first)
    .map((r): Found => ({
      kind: 'cosmos',
      roleDefinitionId: r.role_definition_id.split('/').pop(),
      target: target(r.scope),
      principal: principal(r.principal_id),
      principalType: undefined,
      name: name(r.name),
    }))
  return [...rbac, ...cosmos].map(asFound)
}

// ---------------------------------------------------------------------------------------------
// Bicep

/**
 * The file with the blocks the writer disables (scopes one resource-group file cannot deploy)
 * switched back on: a line that is exactly `// resource <symbol> '<type>' = {` up to `// }`.
 */
export function uncommentBlocks(text: string): string {
  const lines = text.split('\n')
  let inside = false
  return lines
    .map((l) => {
      if (!inside && /^\/\/ resource [A-Za-z_]\w* '[^'\\]*' = \{$/.test(l)) inside = true
      if (!inside) return l
      if (l === '// }') inside = false
      return l.slice(3)
    })
    .join('\n')
}

const text = (tokens: readonly Token[] | undefined): string =>
  (tokens ?? []).map((t) => t.text).join('')

export function bicepAssignments(source: string, d: Design): Found[] {
  const decls = declarations(uncommentBlocks(source))
  const names = new Map<string, string>()
  const resources = new Map<string, (typeof decls)[number]>()
  const params = new Map<string, string>()
  for (const decl of decls) {
    if (decl.keyword === 'param') {
      const description = decl.decorators
        .map((dec) => dec.find((t) => t.kind === 'string'))
        .map(literal)
        .find((s) => s !== undefined)
      params.set(decl.tokens[0]!.text, description ?? '')
    }
    if (decl.keyword !== 'resource' || !decl.symbol) continue
    resources.set(decl.symbol, decl)
    const own = literal(entry(decl.body, 'name')?.[0]) ?? ''
    const parent = text(entry(decl.body, 'parent'))
    names.set(decl.symbol, parent ? `${names.get(parent)}/${own}` : own)
  }
  const principalOf = (expr: readonly Token[]): { name: string; id?: string } => {
    const [head, dot, prop] = expr
    if (head?.kind === 'string') {
      const id = literal(head)!
      return { name: byPrincipalId(d, id), id }
    }
    if (dot?.text === '.' && (prop?.text === 'properties' || prop?.text === 'identity'))
      return { name: nodeNamed(d, names.get(head!.text)!, 'identity', 'app') }
    const description = params.get(head!.text)
    if (description !== undefined)
      return { name: /(?:group|user|identity of) ([\s\S]+)\.$/.exec(description)![1]! }
    throw new Error(`unknown principal ${text(expr)}`)
  }
  const found: Found[] = []
  for (const decl of resources.values()) {
    const type = decl.type ?? ''
    const cosmos = type.startsWith('Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@')
    if (!type.startsWith('Microsoft.Authorization/roleAssignments@') && !cosmos) continue
    const principal = principalOf(entry(decl.body, 'properties.principalId')!)
    const role = /([0-9a-f-]{36})'?\)?$/i.exec(
      text(entry(decl.body, 'properties.roleDefinitionId')),
    )![1]!
    const nameTokens = entry(decl.body, 'name')!
    const nameLiteral = literal(nameTokens[0])
    const scope = text(entry(decl.body, cosmos ? 'parent' : 'scope'))
    const targetOf = (): string => {
      if (scope) return nodeNamed(d, names.get(scope)!, 'service')
      // No scope property: the `guid()` argument names it, or the deterministic literal name
      // was computed over it (tried against the bound target's own group and subscription).
      let depth = 0
      const comma = nameTokens.findIndex((t) => {
        if (t.text === '(') depth++
        if (t.text === ')') depth--
        return t.text === ',' && depth === 1
      })
      const guidScope = text(nameTokens.slice(2, comma))
      if (guidScope === 'resourceGroup().id') return `resourceGroup ${DEPLOYMENT}`
      if (guidScope === 'subscription().id') return `subscription ${DEPLOYMENT}`
      const call = /^(resourceGroup|subscription)\((.*)\)\.id$/.exec(guidScope)
      if (call) {
        const args = nameTokens
          .slice(2, comma)
          .filter((t) => t.kind === 'string')
          .map(literal)
        return call[1] === 'resourceGroup'
          ? `resourceGroup /subscriptions/${args[0]}/resourceGroups/${args[1]}`
          : `subscription /subscriptions/${args[0]}`
      }
      for (const n of d.nodes) {
        const parts = n.azure?.resourceId ? parseArmId(n.azure.resourceId) : undefined
        if (!parts || !principal.id || !nameLiteral) continue
        const candidates = [
          ...(parts.resourceGroup
            ? [`/subscriptions/${parts.subscriptionId}/resourceGroups/${parts.resourceGroup}`]
            : []),
          `/subscriptions/${parts.subscriptionId}`,
        ]
        const hit = candidates.find(
          (c) => roleAssignmentName(c, principal.id!, role) === nameLiteral,
        )
        if (hit)
          return `${hit.includes('/resourceGroups/') ? 'resourceGroup' : 'subscription'} ${hit}`
      }
      return `?${text(nameTokens)}`
    }
    found.push({
      kind: cosmos ? 'cosmos' : 'rbac',
      roleDefinitionId: role,
      target: targetOf(),
      principal: principal.name,
      principalType: cosmos
        ? undefined
        : literal(entry(decl.body, 'properties.principalType')?.[0]),
      name: nameLiteral && GUID.test(nameLiteral) ? nameLiteral : undefined,
    })
  }
  return found.map(asFound)
}

// ---------------------------------------------------------------------------------------------
// Azure CLI script: run, with a logging fake az

/** Runs the script (setting each variable it asks for) and returns the run with what it asked. */
export function runExportedScript(
  script: string,
  env: Record<string, string> = {},
): {
  run: ReturnType<typeof runScript>
  asked: ReadonlyMap<string, string>
} {
  const asked = new Map<string, string>()
  for (;;) {
    const run = runScript(script, {
      ...env,
      ...Object.fromEntries([...asked].map(([k]) => [k, `env-${k}`])),
    })
    const missing = /^set ([A-Z0-9_]+) to (.*)$/m.exec(run.stderr)
    if (run.status === 0 || !missing || asked.has(missing[1]!)) return { run, asked }
    asked.set(missing[1]!, missing[2]!)
  }
}

function argOf(call: readonly string[], option: string): string | undefined {
  const i = call.indexOf(option)
  if (i >= 0) return call[i + 1]
  return call.find((a) => a.startsWith(`${option}=`))?.slice(option.length + 1)
}

/** The assignments the script made, read from the `az … create` calls it ran. */
export function cliAssignments(script: string, d: Design): Found[] {
  const { run, asked } = runExportedScript(script)
  if (run.status !== 0) throw new Error(`script failed (${run.status}): ${run.stderr}`)
  const created = (n: DesignNode): string =>
    `/subscriptions/${FAKE_SUBSCRIPTION}/resourceGroups/${FAKE_GROUP}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uami-${fakeHash(n.name)}`
  // Ids as the script holds them (the fake az hashes the same bytes).
  const ids = (n: DesignNode): string | undefined => {
    const id =
      n.azure?.resourceId ??
      (n.kind === 'identity' ? created(n) : builtId(n, FAKE_SUBSCRIPTION, FAKE_GROUP))
    return id === undefined ? undefined : asBash(id)
  }
  const principal = (value: string): string => {
    const env = /^env-(.+)$/.exec(value)?.[1]
    if (env) {
      const message = asked.get(env) ?? ''
      return d.nodes.find(
        (n) =>
          (n.kind === 'developer' || n.kind === 'app') &&
          message.includes(`of ${terminalText(n.name)} (`),
      )!.name
    }
    for (const n of d.nodes) {
      const id = ids(n)
      if (id && value === `principalId-${fakeHash(id)}`) return n.name
      if (n.kind === 'developer' && value === `group-${fakeHash(n.name)}`) return n.name
    }
    return byPrincipalId(d, value)
  }
  const deployment = (scope: string): string =>
    scope === `/subscriptions/${FAKE_SUBSCRIPTION}/resourceGroups/${FAKE_GROUP}`
      ? `resourceGroup ${DEPLOYMENT}`
      : scope === `/subscriptions/${FAKE_SUBSCRIPTION}`
        ? `subscription ${DEPLOYMENT}`
        : scopeTarget(d, scope, ids)
  // A name the script writes out is the plan's; one it computes at run time (assignment_name)
  // must be apply's UUID v5 of what it ran with, and counts as no plan name.
  const written = (
    name: string | undefined,
    scope: string | undefined,
    principalId: string,
    role: string,
  ): string | undefined => {
    if (name === undefined || script.includes(name)) return name
    const apply = roleAssignmentName(scope ?? '', principalId, role)
    if (name !== apply) throw new Error(`computed name ${name}, apply's would be ${apply}`)
    return undefined
  }
  const found: Found[] = []
  for (const call of run.calls) {
    if (call.slice(0, 5).join(' ') === 'cosmosdb sql role assignment create') {
      const account = argOf(call, '--account-name')!
      const group = argOf(call, '--resource-group')!
      const service = d.nodes.find((n) => {
        const id = ids(n)
        return (
          n.kind === 'service' && id?.split('/')[4] === group && id.split('/').pop() === account
        )
      })
      found.push({
        kind: 'cosmos',
        roleDefinitionId: argOf(call, '--role-definition-id')!,
        target: service?.name ?? `?${account}`,
        principal: principal(argOf(call, '--principal-id')!),
        principalType: undefined,
        name: written(
          argOf(call, '--role-assignment-id'),
          service && ids(service),
          argOf(call, '--principal-id')!,
          argOf(call, '--role-definition-id')!,
        ),
      })
      continue
    }
    if (call.slice(0, 3).join(' ') !== 'role assignment create') continue
    found.push({
      kind: 'rbac',
      roleDefinitionId: argOf(call, '--role')!,
      target: deployment(argOf(call, '--scope')!),
      principal: principal(argOf(call, '--assignee-object-id')!),
      principalType: argOf(call, '--assignee-principal-type'),
      name: written(
        argOf(call, '--name'),
        argOf(call, '--scope')!,
        argOf(call, '--assignee-object-id')!,
        argOf(call, '--role')!,
      ),
    })
  }
  return found.map(asFound)
}
