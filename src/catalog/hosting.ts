import type { HostingKind } from '../model/kinds.ts'

export interface HostingFact {
  readonly label: string
  /** ARM resource type the app binds to, spelled as the provider spells it. */
  readonly armType: string
  /** api-version for generic GET/PATCH of the resource (its identity property). */
  readonly apiVersion: string
  /** Can the workload use a system-assigned identity? (AKS pods use workload identity instead.) */
  readonly systemAssigned: boolean
  /** How many identities the workload can use at once, when limited (Logic Apps: one). */
  readonly maxIdentities?: number
  /** Where client IDs go: app settings, container env, or nowhere ARM can set. */
  readonly settings: 'appSettings' | 'containerEnv' | 'manual'
}

export const HOSTING: Readonly<Record<HostingKind, HostingFact>> = {
  appService: {
    label: 'App Service',
    armType: 'Microsoft.Web/sites',
    apiVersion: '2023-12-01',
    systemAssigned: true,
    settings: 'appSettings',
  },
  functionApp: {
    label: 'Function App',
    armType: 'Microsoft.Web/sites',
    apiVersion: '2023-12-01',
    systemAssigned: true,
    settings: 'appSettings',
  },
  containerApp: {
    label: 'Container App',
    armType: 'Microsoft.App/containerApps',
    apiVersion: '2024-03-01',
    systemAssigned: true,
    settings: 'containerEnv',
  },
  aksWorkload: {
    label: 'AKS workload',
    armType: 'Microsoft.ContainerService/managedClusters',
    apiVersion: '2024-05-01',
    systemAssigned: false,
    settings: 'manual',
  },
  virtualMachine: {
    label: 'Virtual machine',
    armType: 'Microsoft.Compute/virtualMachines',
    apiVersion: '2024-07-01',
    systemAssigned: true,
    settings: 'manual',
  },
  vmScaleSet: {
    label: 'VM scale set',
    armType: 'Microsoft.Compute/virtualMachineScaleSets',
    apiVersion: '2024-07-01',
    systemAssigned: true,
    settings: 'manual',
  },
  springApp: {
    label: 'Spring App',
    armType: 'Microsoft.AppPlatform/Spring/apps',
    apiVersion: '2023-12-01',
    systemAssigned: true,
    settings: 'manual',
  },
  logicApp: {
    label: 'Logic App',
    armType: 'Microsoft.Logic/workflows',
    apiVersion: '2019-05-01',
    systemAssigned: true,
    maxIdentities: 1,
    settings: 'manual',
  },
  containerInstance: {
    label: 'Container Instance',
    armType: 'Microsoft.ContainerInstance/containerGroups',
    apiVersion: '2023-05-01',
    systemAssigned: true,
    settings: 'manual',
  },
}

export const IDENTITY_ARM_TYPE = 'Microsoft.ManagedIdentity/userAssignedIdentities'

/** App Service and Functions share a type; `kind` tells them apart (`app`, `functionapp,linux`, …). */
export function matchesHosting(
  hosting: HostingKind,
  type: string,
  kind: string | undefined,
): boolean {
  if (type.toLowerCase() !== HOSTING[hosting].armType.toLowerCase()) return false
  const isFunction = (kind ?? '').toLowerCase().includes('functionapp')
  if (hosting === 'functionApp') return isFunction
  if (hosting === 'appService') return !isFunction
  return true
}
