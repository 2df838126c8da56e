import { HOSTING } from '../catalog/hosting.ts'
import { serviceNameRule } from '../catalog/name-rules.ts'
import { SERVICES } from '../catalog/services.ts'
import { assertNever } from '../lib/assert.ts'
import { usedIds } from '../model/ids.ts'
import type { HostingKind, PrincipalKind, ServiceKind } from '../model/kinds.ts'
import type { Design, DesignNode, Position } from '../model/types.ts'

/** What the palette asks for: a node kind and its kind's choice. */
export type NewNodeSpec =
  | { readonly kind: 'app'; readonly hosting: HostingKind }
  | { readonly kind: 'identity' }
  | { readonly kind: 'service'; readonly service: ServiceKind }
  | { readonly kind: 'developer'; readonly principal: PrincipalKind }

// Azure naming abbreviations (Cloud Adoption Framework), so new names look like real resources.
const HOSTING_PREFIX: Record<HostingKind, string> = {
  appService: 'app',
  functionApp: 'func',
  containerApp: 'ca',
  aksWorkload: 'aks-workload',
  virtualMachine: 'vm',
  vmScaleSet: 'vmss',
  springApp: 'spring',
  logicApp: 'logic',
  containerInstance: 'ci',
}

const SERVICE_PREFIX: Record<ServiceKind, string> = {
  storage: 'st',
  keyVault: 'kv',
  serviceBus: 'sbns',
  eventHubs: 'evhns',
  eventGrid: 'evgt',
  cosmosDb: 'cosmos',
  sql: 'sqldb',
  appConfiguration: 'appcs',
  containerRegistry: 'cr',
  openAI: 'oai',
  search: 'srch',
  signalR: 'sigr',
  postgresql: 'psql',
  mysql: 'mysql',
  redis: 'redis',
}

/**
 * Kinds whose Azure resource is a child of another (ARM type `…/servers/databases`): their name is
 * `parent/child`, as binding and the exports read it, so a new one gets a parent name too.
 */
const PARENT_PREFIX: Partial<Record<HostingKind | ServiceKind, string>> = {
  sql: 'sql',
  springApp: 'asa',
}

export function specPrefix(spec: NewNodeSpec): string {
  switch (spec.kind) {
    case 'app':
      return HOSTING_PREFIX[spec.hosting]
    case 'identity':
      return 'id'
    case 'service':
      return SERVICE_PREFIX[spec.service]
    case 'developer':
      return spec.principal === 'group' ? 'developers' : 'developer'
    default:
      return assertNever(spec, 'node spec')
  }
}

/** A label for the palette and for announcements: "App Service", "Key Vault", "Developer group". */
export function specLabel(spec: NewNodeSpec): string {
  switch (spec.kind) {
    case 'app':
      return HOSTING[spec.hosting].label
    case 'identity':
      return 'User-assigned identity'
    case 'service':
      return SERVICES[spec.service].label
    case 'developer':
      return spec.principal === 'group' ? 'Developer group' : 'Developer'
    default:
      return assertNever(spec, 'node spec')
  }
}

/**
 * A new node with a fresh, readable id that doubles as its name (`st-1`, `func-2`; a child
 * resource's name has its parent's first: `sql-1/sqldb-1`).
 */
export function newNode(design: Design, spec: NewNodeSpec, position: Position): DesignNode {
  const taken = usedIds(design)
  const prefix = specPrefix(spec)
  let n = 1
  while (taken.has(`${prefix}-${n}`)) n++
  const id = `${prefix}-${n}`
  const parent =
    spec.kind === 'app'
      ? PARENT_PREFIX[spec.hosting]
      : spec.kind === 'service'
        ? PARENT_PREFIX[spec.service]
        : undefined
  const name = parent
    ? `${parent}-${n}/${id}`
    : spec.kind === 'service'
      ? azureReadyName(id, prefix, n, serviceNameRule(spec.service).pattern)
      : id
  const base = { id, name, position: snap(position) }
  switch (spec.kind) {
    case 'app':
      return { ...base, kind: 'app', hosting: spec.hosting }
    case 'identity':
      return { ...base, kind: 'identity' }
    case 'service':
      return { ...base, kind: 'service', service: spec.service }
    case 'developer':
      return { ...base, kind: 'developer', principal: spec.principal }
    default:
      return assertNever(spec, 'node spec')
  }
}

/**
 * The id as a name where Azure takes it, else the same without hyphens, else with the number
 * padded to the shortest name Azure takes (`st-1` → `st1`, `cr-1` → `cr001`).
 */
function azureReadyName(id: string, prefix: string, n: number, rule: RegExp): string {
  const candidates = [id, id.replaceAll('-', '')]
  for (let digits = 2; digits <= 6; digits++)
    candidates.push(`${prefix.replaceAll('-', '')}${String(n).padStart(digits, '0')}`)
  return candidates.find((c) => rule.test(c)) ?? id
}

export const GRID = 20

export function snap(p: Position): Position {
  return { x: Math.round(p.x / GRID) * GRID, y: Math.round(p.y / GRID) * GRID }
}
