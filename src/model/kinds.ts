/** The enumerations of the design file format (PRODUCT.md §4). Order is the order shown to users. */
export const NODE_KINDS = ['app', 'identity', 'service', 'developer'] as const
export type NodeKind = (typeof NODE_KINDS)[number]

export const EDGE_KINDS = ['attach', 'access'] as const
export type EdgeKind = (typeof EDGE_KINDS)[number]

export const HOSTING_KINDS = [
  'appService',
  'functionApp',
  'containerApp',
  'aksWorkload',
  'virtualMachine',
  'vmScaleSet',
  'springApp',
  'logicApp',
  'containerInstance',
] as const
export type HostingKind = (typeof HOSTING_KINDS)[number]

export const SERVICE_KINDS = [
  'storage',
  'keyVault',
  'serviceBus',
  'eventHubs',
  'eventGrid',
  'cosmosDb',
  'sql',
  'appConfiguration',
  'containerRegistry',
  'openAI',
  'search',
  'signalR',
  'postgresql',
  'mysql',
  'redis',
] as const
export type ServiceKind = (typeof SERVICE_KINDS)[number]

export const PERMISSION_MODELS = ['rbac', 'accessPolicy'] as const
export type PermissionModel = (typeof PERMISSION_MODELS)[number]

export const PRINCIPAL_KINDS = ['user', 'group'] as const
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number]

export const SCOPES = ['resource', 'resourceGroup', 'subscription'] as const
export type Scope = (typeof SCOPES)[number]

/** `via: "system"` names the app's system-assigned identity. */
export const SYSTEM_VIA = 'system'

export const DESIGN_FORMAT = 'identity-topology'
export const DESIGN_VERSION = 1

export const ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/
export const NAME_MAX = 128

/**
 * A text's length in characters (Unicode code points), as the format counts a name's 1–128
 * (PRODUCT.md §4) and as the schema measures it: an emoji is one character, not two UTF-16 units.
 */
export function characterCount(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}
