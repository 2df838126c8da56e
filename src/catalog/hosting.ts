import { HOSTING_ARM_TYPES } from '../model/bindings.ts'
import type { HostingKind } from '../model/kinds.ts'

export interface HostingFact {
  readonly label: string
  /** ARM resource type the app binds to (the model's, which validates bindings against it). */
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
    armType: HOSTING_ARM_TYPES.appService,
    apiVersion: '2023-12-01',
    systemAssigned: true,
    settings: 'appSettings',
  },
  functionApp: {
    label: 'Function App',
    armType: HOSTING_ARM_TYPES.functionApp,
    apiVersion: '2023-12-01',
    systemAssigned: true,
    settings: 'appSettings',
  },
  containerApp: {
    label: 'Container App',
    armType: HOSTING_ARM_TYPES.containerApp,
    apiVersion: '2024-03-01',
    systemAssigned: true,
    settings: 'containerEnv',
  },
  aksWorkload: {
    label: 'AKS workload',
    armType: HOSTING_ARM_TYPES.aksWorkload,
    apiVersion: '2024-05-01',
    systemAssigned: false,
    settings: 'manual',
  },
  virtualMachine: {
    label: 'Virtual machine',
    armType: HOSTING_ARM_TYPES.virtualMachine,
    apiVersion: '2024-07-01',
    systemAssigned: true,
    settings: 'manual',
  },
  vmScaleSet: {
    label: 'VM scale set',
    armType: HOSTING_ARM_TYPES.vmScaleSet,
    apiVersion: '2024-07-01',
    systemAssigned: true,
    settings: 'manual',
  },
  springApp: {
    label: 'Spring App',
    armType: HOSTING_ARM_TYPES.springApp,
    apiVersion: '2023-12-01',
    systemAssigned: true,
    settings: 'manual',
  },
  logicApp: {
    label: 'Logic App',
    armType: HOSTING_ARM_TYPES.logicApp,
    apiVersion: '2019-05-01',
    systemAssigned: true,
    maxIdentities: 1,
    settings: 'manual',
  },
  containerInstance: {
    label: 'Container Instance',
    armType: HOSTING_ARM_TYPES.containerInstance,
    apiVersion: '2023-05-01',
    systemAssigned: true,
    settings: 'manual',
  },
}

export { IDENTITY_ARM_TYPE } from '../model/bindings.ts'

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
