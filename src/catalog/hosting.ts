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
  /**
   * How the provider spells `identity.type` with both kinds on (each provider has its own enum:
   * Web and Compute `SystemAssigned, UserAssigned`, common-types v3+ `SystemAssigned,UserAssigned`);
   * null where only one kind is allowed at a time.
   */
  readonly bothIdentityTypes: string | null
  /**
   * How the identity property is changed: `patch` where the provider's PATCH carries `identity`;
   * `put` (GET, then PUT of the whole resource) where its PATCH ignores it (Container Instances'
   * ContainerGroups_Update takes tags only; Logic Apps' Workflows_Update takes no identity).
   */
  readonly identityUpdate: 'patch' | 'put'
}

const WEB_BOTH = 'SystemAssigned, UserAssigned'
const COMMON_TYPES_BOTH = 'SystemAssigned,UserAssigned'

export const HOSTING: Readonly<Record<HostingKind, HostingFact>> = {
  appService: {
    label: 'App Service',
    armType: HOSTING_ARM_TYPES.appService,
    apiVersion: '2023-12-01',
    systemAssigned: true,
    settings: 'appSettings',
    bothIdentityTypes: WEB_BOTH,
    identityUpdate: 'patch',
  },
  functionApp: {
    label: 'Function App',
    armType: HOSTING_ARM_TYPES.functionApp,
    apiVersion: '2023-12-01',
    systemAssigned: true,
    settings: 'appSettings',
    bothIdentityTypes: WEB_BOTH,
    identityUpdate: 'patch',
  },
  containerApp: {
    label: 'Container App',
    armType: HOSTING_ARM_TYPES.containerApp,
    apiVersion: '2024-03-01',
    systemAssigned: true,
    settings: 'containerEnv',
    bothIdentityTypes: COMMON_TYPES_BOTH,
    identityUpdate: 'patch',
  },
  aksWorkload: {
    label: 'AKS workload',
    armType: HOSTING_ARM_TYPES.aksWorkload,
    apiVersion: '2024-05-01',
    systemAssigned: false,
    settings: 'manual',
    bothIdentityTypes: null,
    identityUpdate: 'patch',
  },
  virtualMachine: {
    label: 'Virtual machine',
    armType: HOSTING_ARM_TYPES.virtualMachine,
    apiVersion: '2024-07-01',
    systemAssigned: true,
    settings: 'manual',
    bothIdentityTypes: WEB_BOTH,
    identityUpdate: 'patch',
  },
  vmScaleSet: {
    label: 'VM scale set',
    armType: HOSTING_ARM_TYPES.vmScaleSet,
    apiVersion: '2024-07-01',
    systemAssigned: true,
    settings: 'manual',
    bothIdentityTypes: WEB_BOTH,
    identityUpdate: 'patch',
  },
  springApp: {
    label: 'Spring App',
    armType: HOSTING_ARM_TYPES.springApp,
    apiVersion: '2023-12-01',
    systemAssigned: true,
    settings: 'manual',
    bothIdentityTypes: COMMON_TYPES_BOTH,
    identityUpdate: 'patch',
  },
  logicApp: {
    label: 'Logic App',
    armType: HOSTING_ARM_TYPES.logicApp,
    apiVersion: '2019-05-01',
    systemAssigned: true,
    maxIdentities: 1,
    settings: 'manual',
    bothIdentityTypes: null,
    identityUpdate: 'put',
  },
  containerInstance: {
    label: 'Container Instance',
    armType: HOSTING_ARM_TYPES.containerInstance,
    apiVersion: '2023-05-01',
    systemAssigned: true,
    settings: 'manual',
    bothIdentityTypes: WEB_BOTH,
    identityUpdate: 'put',
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

/** The `identity.type` string for the kinds wanted, as this hosting's provider spells it. */
export function identityTypeFor(hosting: HostingKind, system: boolean, user: boolean): string {
  if (system && user) return HOSTING[hosting].bothIdentityTypes ?? 'SystemAssigned'
  return system ? 'SystemAssigned' : user ? 'UserAssigned' : 'None'
}
