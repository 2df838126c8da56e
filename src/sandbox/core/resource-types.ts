import { HOSTING, IDENTITY_ARM_TYPE } from '../../catalog/hosting.ts'
import { SERVICES } from '../../catalog/services.ts'
import { v5 as uuidv5 } from 'uuid'
import { idKey } from './ids.ts'
import type { JsonObject, ResourceRecord } from './types.ts'

/** Types the sandbox knows by name, beyond the catalog's, spelled as their providers spell them. */
const EXTRA_TYPES = [
  'Microsoft.Sql/servers',
  'Microsoft.Web/serverfarms',
  'Microsoft.Web/sites/config',
  'Microsoft.App/managedEnvironments',
  'Microsoft.AppPlatform/Spring',
  'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments',
  'Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions',
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases',
  'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
]

const KNOWN = new Map(
  [
    ...Object.values(HOSTING).map((h) => h.armType),
    ...Object.values(SERVICES).map((s) => s.armType),
    IDENTITY_ARM_TYPE,
    ...EXTRA_TYPES,
  ].map((t) => [t.toLowerCase(), t]),
)

/** The provider's spelling of a type: known types, else the first spelling the sandbox saw. */
export function canonicalType(
  requested: string,
  resources: Readonly<Record<string, ResourceRecord>>,
): string {
  const lower = requested.toLowerCase()
  const known = KNOWN.get(lower)
  if (known) return known
  for (const r of Object.values(resources)) if (r.type.toLowerCase() === lower) return r.type
  return requested
}

/**
 * How each provider spells an identity with both kinds; `null` when the provider allows only one
 * kind at a time (AKS, Logic Apps, SignalR).
 */
const BOTH_SPELLING: Readonly<Record<string, string | null>> = {
  'microsoft.web': 'SystemAssigned, UserAssigned',
  'microsoft.compute': 'SystemAssigned, UserAssigned',
  'microsoft.containerinstance': 'SystemAssigned, UserAssigned',
  'microsoft.servicebus': 'SystemAssigned, UserAssigned',
  'microsoft.eventhub': 'SystemAssigned, UserAssigned',
  'microsoft.eventgrid': 'SystemAssigned, UserAssigned',
  'microsoft.appconfiguration': 'SystemAssigned, UserAssigned',
  'microsoft.containerregistry': 'SystemAssigned, UserAssigned',
  'microsoft.cognitiveservices': 'SystemAssigned, UserAssigned',
  'microsoft.search': 'SystemAssigned, UserAssigned',
  'microsoft.app': 'SystemAssigned,UserAssigned',
  'microsoft.appplatform': 'SystemAssigned,UserAssigned',
  'microsoft.storage': 'SystemAssigned,UserAssigned',
  'microsoft.documentdb': 'SystemAssigned,UserAssigned',
  'microsoft.sql': 'SystemAssigned,UserAssigned',
  'microsoft.containerservice': null,
  'microsoft.logic': null,
  'microsoft.signalrservice': null,
}

const namespaceOf = (type: string): string => (type.split('/')[0] ?? '').toLowerCase()

/** The `identity.type` string for both kinds on this type, or null when not allowed. */
export function bothIdentitySpelling(type: string): string | null {
  const spelling = BOTH_SPELLING[namespaceOf(type)]
  return spelling === undefined ? 'SystemAssigned,UserAssigned' : spelling
}

/** Types whose answers carry no `properties.provisioningState` (proxy settings, identities). */
const NO_PROVISIONING_STATE = new Set(
  ['Microsoft.Web/sites/config', IDENTITY_ARM_TYPE].map((t) => t.toLowerCase()),
)

export const hasProvisioningState = (type: string): boolean =>
  !NO_PROVISIONING_STATE.has(type.toLowerCase())

/**
 * Types whose PATCH carries tags only, ignoring `identity` and `properties`: Container Instances
 * (ContainerGroups_Update takes a `Resource` with tags) and Logic Apps (Workflows_Update).
 */
const PATCH_TAGS_ONLY = new Set(
  ['Microsoft.ContainerInstance/containerGroups', 'Microsoft.Logic/workflows'].map((t) =>
    t.toLowerCase(),
  ),
)

export const patchTakesTagsOnly = (type: string): boolean => PATCH_TAGS_ONLY.has(type.toLowerCase())

/**
 * Properties a seeded resource of this type starts with: a vault's tenant and permission model, a
 * Container App's one container (Azure has no Container App without one).
 */
export function defaultProperties(type: string, tenantId: string): JsonObject {
  switch (type.toLowerCase()) {
    case 'microsoft.keyvault/vaults':
      return { tenantId, enableRbacAuthorization: true, accessPolicies: [] }
    case 'microsoft.app/containerapps':
      return {
        template: {
          containers: [{ name: 'app', image: 'mcr.microsoft.com/k8se/quickstart:latest' }],
        },
      }
    default:
      return {}
  }
}

/**
 * A resource's properties as a GET shows them: a container group withholds its secrets (the
 * `secureValue` of environment variables, registry passwords, Azure Files keys, secret volumes'
 * contents: azure-sdk-for-java#32624 "secure properties … are not returned"), so a client that
 * writes back what it read clears them.
 */
export function readableProperties(type: string, properties: JsonObject): JsonObject {
  if (type.toLowerCase() === 'microsoft.logic/workflows') return readableWorkflow(properties)
  if (type.toLowerCase() !== 'microsoft.containerinstance/containergroups') return properties
  const shown = structuredClone(properties) as {
    containers?: { properties?: { environmentVariables?: JsonObject[] } }[]
    initContainers?: { properties?: { environmentVariables?: JsonObject[] } }[]
    imageRegistryCredentials?: JsonObject[]
    volumes?: { azureFile?: JsonObject; secret?: JsonObject }[]
  }
  for (const c of [...(shown.containers ?? []), ...(shown.initContainers ?? [])])
    for (const v of c.properties?.environmentVariables ?? []) delete v.secureValue
  for (const r of shown.imageRegistryCredentials ?? []) delete r.password
  for (const v of shown.volumes ?? []) {
    if (v.azureFile) delete v.azureFile.storageAccountKey
    if (v.secret) v.secret = {}
  }
  return shown as JsonObject
}

/** A workflow's secure parameters (SecureString, SecureObject) without a default value. */
function secureParameters(properties: JsonObject): string[] {
  const definition = properties.definition as
    { parameters?: Record<string, { type?: string; defaultValue?: unknown }> } | undefined
  return Object.entries(definition?.parameters ?? {})
    .filter(
      ([, p]) => /^secure(string|object)$/i.test(p.type ?? '') && p.defaultValue === undefined,
    )
    .map(([name]) => name)
}

/** A workflow as a GET shows it: its secure parameters' values left out (Azure/LogicAppsUX#4404). */
function readableWorkflow(properties: JsonObject): JsonObject {
  const secure = secureParameters(properties)
  const given = properties.parameters as Record<string, JsonObject> | undefined
  if (secure.length === 0 || !given) return properties
  const shown = structuredClone(given)
  for (const name of secure) if (shown[name]) delete shown[name].value
  return { ...properties, parameters: shown }
}

/**
 * Why Logic Apps refuses a workflow's properties, or undefined: a secure parameter without a
 * default must be given its value (the designer's error when it saved one read back: "The value
 * for the workflow parameter … is not provided", Azure/LogicAppsUX#4404).
 */
export function workflowProblem(type: string, properties: JsonObject): string | undefined {
  if (type.toLowerCase() !== 'microsoft.logic/workflows') return undefined
  const given = properties.parameters as Record<string, JsonObject> | undefined
  const missing = secureParameters(properties).find((n) => given?.[n]?.value === undefined)
  return missing === undefined
    ? undefined
    : `The template validation failed: 'The value for the workflow parameter '${missing}' at line '1' and column '1' is not provided.'.`
}

const ISSUER_NAMESPACE = '5f0e2a9c-7b1d-4c3e-8a6f-1d2c3b4a5e60'

/**
 * A resource's properties with the read-only ones ARM computes in place of whatever a client or
 * a seed wrote there: an AKS cluster's OIDC issuer URL, `issuerURL` (ARM's spelling, not the
 * Azure CLI's `issuerUrl`: ManagedClusterOidcIssuerProfile in Azure/bicep-types-az), present
 * when the issuer is enabled and unique per cluster.
 */
export function withComputedProperties(
  type: string,
  at: { readonly id: string; readonly location: string; readonly tenantId: string },
  properties: JsonObject,
): JsonObject {
  if (type.toLowerCase() !== 'microsoft.containerservice/managedclusters') return properties
  const profile = properties.oidcIssuerProfile as JsonObject | undefined
  if (profile === undefined) return properties
  const enabled = profile.enabled === true
  const issuerURL = `https://${at.location}.oic.prod-aks.azure.com/${at.tenantId}/${uuidv5(idKey(at.id), ISSUER_NAMESPACE)}/`
  return { ...properties, oidcIssuerProfile: enabled ? { enabled, issuerURL } : { enabled } }
}

export const isIdentityType = (type: string): boolean =>
  type.toLowerCase() === IDENTITY_ARM_TYPE.toLowerCase()
