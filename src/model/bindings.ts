import { describeArmId, parseArmId } from './arm-id.ts'
import { GUID_PATTERN, locationProblem, resourceGroupNameProblem } from './azure-formats.ts'
import type { HostingKind, NodeKind, ServiceKind } from './kinds.ts'
import { describeValue, type Problem } from './problems.ts'
import { isRecord } from './records.ts'

/**
 * The ARM resource type each kind of node binds to through `azure.resourceId`. It is part of what
 * makes a design file valid (a grant drawn on a storage account must never land on whatever else
 * the id names), so the model owns it; the catalog's hosting and service facts read it.
 */
export const HOSTING_ARM_TYPES: Readonly<Record<HostingKind, string>> = {
  appService: 'Microsoft.Web/sites',
  functionApp: 'Microsoft.Web/sites',
  containerApp: 'Microsoft.App/containerApps',
  aksWorkload: 'Microsoft.ContainerService/managedClusters',
  virtualMachine: 'Microsoft.Compute/virtualMachines',
  vmScaleSet: 'Microsoft.Compute/virtualMachineScaleSets',
  springApp: 'Microsoft.AppPlatform/Spring/apps',
  logicApp: 'Microsoft.Logic/workflows',
  containerInstance: 'Microsoft.ContainerInstance/containerGroups',
}

export const SERVICE_ARM_TYPES: Readonly<Record<ServiceKind, string>> = {
  storage: 'Microsoft.Storage/storageAccounts',
  keyVault: 'Microsoft.KeyVault/vaults',
  serviceBus: 'Microsoft.ServiceBus/namespaces',
  eventHubs: 'Microsoft.EventHub/namespaces',
  eventGrid: 'Microsoft.EventGrid/topics',
  cosmosDb: 'Microsoft.DocumentDB/databaseAccounts',
  sql: 'Microsoft.Sql/servers/databases',
  appConfiguration: 'Microsoft.AppConfiguration/configurationStores',
  containerRegistry: 'Microsoft.ContainerRegistry/registries',
  openAI: 'Microsoft.CognitiveServices/accounts',
  search: 'Microsoft.Search/searchServices',
  signalR: 'Microsoft.SignalRService/SignalR',
  postgresql: 'Microsoft.DBforPostgreSQL/flexibleServers',
  mysql: 'Microsoft.DBforMySQL/flexibleServers',
  redis: 'Microsoft.Cache/redis',
}

export const IDENTITY_ARM_TYPE = 'Microsoft.ManagedIdentity/userAssignedIdentities'

/** The ARM type a node binds to; undefined for a developer (bound by `azure.principalId`). */
export function bindingArmType(node: {
  readonly kind: NodeKind
  readonly hosting?: string
  readonly service?: string
}): string | undefined {
  switch (node.kind) {
    case 'app':
      return HOSTING_ARM_TYPES[node.hosting as HostingKind]
    case 'service':
      return SERVICE_ARM_TYPES[node.service as ServiceKind]
    case 'identity':
      return IDENTITY_ARM_TYPE
    case 'developer':
      return undefined
  }
}

/**
 * A node's name in Azure: the name in its bound `azure.resourceId` when that id is a resource of
 * the type the node binds to (the node's name is then only a label), else the node's name (what
 * apply binds by, and names what it creates). Endpoints, and the display names Microsoft Entra
 * gives managed identities (a system-assigned identity's is its resource's name), come from it.
 */
export function azureName(node: {
  readonly kind: NodeKind
  readonly name: string
  readonly hosting?: string
  readonly service?: string
  readonly azure?: { readonly resourceId?: unknown }
}): string {
  const id = node.azure?.resourceId
  const type = bindingArmType(node)
  if (typeof id !== 'string' || type === undefined) return node.name
  const parsed = parseArmId(id)
  if (!parsed.ok || parsed.value.name === undefined) return node.name
  return parsed.value.type?.toLowerCase() === type.toLowerCase() ? parsed.value.name : node.name
}

/** Fields holding GUIDs, with the word used in messages. */
const GUID_FIELDS = {
  subscriptionId: 'a subscription id',
  principalId: 'a Microsoft Entra object id',
  clientId: 'a client id',
} as const

export interface BindingFieldProblem {
  /** The field of `azure`, e.g. `resourceId`. */
  readonly field: string
  readonly message: string
}

/**
 * Problems with one node's `azure` object: each field in
 * its real format, and a resource id of the type the node's kind binds to. Unknown binding fields
 * are kept untouched, as every unknown field is.
 */
export function bindingProblems(node: Record<string, unknown>): BindingFieldProblem[] {
  const azure = node.azure
  if (!isRecord(azure)) return []
  const problems: BindingFieldProblem[] = []
  const add = (field: string, message: string): void => void problems.push({ field, message })
  // Wrong JSON types are the schema's to report.
  const text = (field: string): string | undefined =>
    typeof azure[field] === 'string' ? azure[field] : undefined
  for (const [field, word] of Object.entries(GUID_FIELDS)) {
    const value = text(field)
    if (value !== undefined && !GUID_PATTERN.test(value))
      add(
        field,
        `expected ${word} (a GUID such as 00000000-0000-0000-0000-000000000000), got ${describeValue(value)}`,
      )
  }
  const group = text('resourceGroup')
  const groupProblem = group === undefined ? undefined : resourceGroupNameProblem(group)
  if (groupProblem)
    add('resourceGroup', `a resource group name ${groupProblem}, got ${describeValue(group)}`)
  const location = text('location')
  const place = location === undefined ? undefined : locationProblem(location)
  if (place) add('location', `${place}, got ${describeValue(location)}`)
  const id = text('resourceId')
  if (id !== undefined) {
    const message = resourceIdProblem(node, id)
    if (message) add('resourceId', message)
  }
  return problems
}

function resourceIdProblem(node: Record<string, unknown>, id: string): string | undefined {
  const expected = bindingArmType(node as Parameters<typeof bindingArmType>[0])
  if (node.kind === 'developer')
    return 'a developer is bound by azure.principalId (its Microsoft Entra object id), not a resource id'
  if (expected === undefined) return undefined // the kind's own field is invalid and reported
  const parsed = parseArmId(id)
  if (!parsed.ok) return `not an ARM resource id: ${parsed.error}, got ${describeValue(id)}`
  const { kind, type } = parsed.value
  if (kind === 'resource' && type?.toLowerCase() === expected.toLowerCase()) return undefined
  return `expected the id of a ${expected}, got the id of ${describeArmId(parsed.value)}: ${describeValue(id)}`
}

/** The subscription a node's binding places it in, and the field that says so. */
function subscriptionOf(node: Record<string, unknown>): { id: string; field: string } | undefined {
  const azure = node.azure
  if (!isRecord(azure)) return undefined
  if (typeof azure.resourceId === 'string') {
    const parsed = parseArmId(azure.resourceId)
    if (parsed.ok) return { id: parsed.value.subscriptionId.toLowerCase(), field: 'resourceId' }
  }
  if (typeof azure.subscriptionId === 'string' && GUID_PATTERN.test(azure.subscriptionId))
    return { id: azure.subscriptionId.toLowerCase(), field: 'subscriptionId' }
  return undefined
}

/**
 * A design is applied to one subscription (PRODUCT.md §8 `--subscription`): every bound resource
 * and every identity's `subscriptionId` must agree. The first binding in file order sets the
 * design's subscription; each node that disagrees is reported at its own path.
 */
export function subscriptionProblems(nodes: readonly unknown[]): Problem[] {
  const problems: Problem[] = []
  let first: { id: string; path: string } | undefined
  nodes.forEach((node, i) => {
    if (!isRecord(node)) return
    const own = subscriptionOf(node)
    if (!own) return
    const path = `nodes[${i}].azure.${own.field}`
    if (!first) first = { id: own.id, path }
    else if (own.id !== first.id)
      problems.push({
        path,
        message: `in subscription ${own.id}, but the design is bound to subscription ${first.id} (${first.path}): a design is applied to one subscription`,
      })
  })
  return problems
}

/** The subscription a design's bindings name, if any (they all agree once the design is valid). */
export function designSubscription(nodes: readonly unknown[]): string | undefined {
  for (const node of nodes) {
    const own = isRecord(node) ? subscriptionOf(node) : undefined
    if (own) return own.id
  }
  return undefined
}
