import type { HostingKind } from '../model/kinds.ts'

export interface HostingFact {
  readonly label: string
  /** ARM resource type the app binds to, spelled as the provider spells it. */
  readonly armType: string
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
    systemAssigned: true,
    settings: 'appSettings',
  },
  functionApp: {
    label: 'Function App',
    armType: 'Microsoft.Web/sites',
    systemAssigned: true,
    settings: 'appSettings',
  },
  containerApp: {
    label: 'Container App',
    armType: 'Microsoft.App/containerApps',
    systemAssigned: true,
    settings: 'containerEnv',
  },
  aksWorkload: {
    label: 'AKS workload',
    armType: 'Microsoft.ContainerService/managedClusters',
    systemAssigned: false,
    settings: 'manual',
  },
  virtualMachine: {
    label: 'Virtual machine',
    armType: 'Microsoft.Compute/virtualMachines',
    systemAssigned: true,
    settings: 'manual',
  },
  vmScaleSet: {
    label: 'VM scale set',
    armType: 'Microsoft.Compute/virtualMachineScaleSets',
    systemAssigned: true,
    settings: 'manual',
  },
  springApp: {
    label: 'Spring App',
    armType: 'Microsoft.AppPlatform/Spring/apps',
    systemAssigned: true,
    settings: 'manual',
  },
  logicApp: {
    label: 'Logic App',
    armType: 'Microsoft.Logic/workflows',
    systemAssigned: true,
    maxIdentities: 1,
    settings: 'manual',
  },
  containerInstance: {
    label: 'Container Instance',
    armType: 'Microsoft.ContainerInstance/containerGroups',
    systemAssigned: true,
    settings: 'manual',
  },
}

export const IDENTITY_ARM_TYPE = 'Microsoft.ManagedIdentity/userAssignedIdentities'
