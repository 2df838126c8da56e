import { CLOUD_DATA_PLANES, type CloudName } from '../catalog/clouds.ts'
import { isLoopbackHost } from '../lib/loopback.ts'

/**
 * The Azure clouds a run can target, by their ARM endpoint: where to sign in, the audience ARM
 * accepts tokens for, and the portal. Values as azure-cli's `az cloud list` has them
 * (azure-cli-core `cloud.py`: `resource_manager`, `active_directory`, `portal`). ARM refuses a
 * token for another cloud's audience with 401 InvalidAuthenticationTokenAudience, listing e.g.
 * `https://management.usgovcloudapi.net/` among Azure Government's (Azure/azure-sdk-for-js#18042),
 * so the token scope has to follow the endpoint.
 */
export interface AzureCloud {
  /** The name `az cloud set --name` takes. */
  readonly name: CloudName
  /** As people call it (the catalog's label of the cloud). */
  readonly label: string
  readonly armEndpoint: string
  /** The classic audience ARM takes too (azure-cli's `active_directory_resource_id`). */
  readonly audience: string
  readonly authorityHost: string
  readonly portal: string
}

export const AZURE_CLOUDS: readonly AzureCloud[] = [
  {
    name: 'AzureCloud',
    label: CLOUD_DATA_PLANES.AzureCloud.label,
    armEndpoint: 'https://management.azure.com',
    audience: 'https://management.core.windows.net/',
    authorityHost: 'https://login.microsoftonline.com',
    portal: 'https://portal.azure.com',
  },
  {
    name: 'AzureUSGovernment',
    label: CLOUD_DATA_PLANES.AzureUSGovernment.label,
    armEndpoint: 'https://management.usgovcloudapi.net',
    audience: 'https://management.core.usgovcloudapi.net/',
    authorityHost: 'https://login.microsoftonline.us',
    portal: 'https://portal.azure.us',
  },
  {
    name: 'AzureChinaCloud',
    label: CLOUD_DATA_PLANES.AzureChinaCloud.label,
    armEndpoint: 'https://management.chinacloudapi.cn',
    audience: 'https://management.core.chinacloudapi.cn/',
    authorityHost: 'https://login.chinacloudapi.cn',
    portal: 'https://portal.azure.cn',
  },
]

/** The public cloud: the default, and the audience a sandbox or an unknown host takes. */
export const PUBLIC_CLOUD = AZURE_CLOUDS[0] as AzureCloud

/** The cloud whose ARM answers at this endpoint; undefined for a sandbox or an unknown host. */
export function cloudOf(endpoint: string): AzureCloud | undefined {
  const host = hostOf(endpoint)
  return AZURE_CLOUDS.find((c) => new URL(c.armEndpoint).hostname === host)
}

/** The cloud whose Microsoft Entra signs in at this authority (`https://{host}/{tenant}`). */
export function cloudOfAuthority(authority: string): AzureCloud | undefined {
  const host = hostOf(authority)
  return AZURE_CLOUDS.find((c) => new URL(c.authorityHost).hostname === host)
}

/**
 * The audience to ask a token for, to call ARM at this endpoint: the cloud's ARM endpoint, or
 * the public cloud's for anything else (a sandbox accepts the public audience, as the Azure SDK's
 * default scope asks for it).
 */
export function armAudience(endpoint: string): string {
  return (cloudOf(endpoint) ?? PUBLIC_CLOUD).armEndpoint
}

/**
 * The scope to ask Microsoft Entra for, to call ARM at this endpoint: `user_impersonation` (the
 * web app's delegated permission, Azure Service Management) or `.default` (a CLI or pipeline
 * sign-in).
 */
export function armTokenScope(
  endpoint: string,
  permission: 'user_impersonation' | '.default',
): string {
  return `${armAudience(endpoint)}/${permission}`
}

/**
 * The Access control (IAM) blade of a resource or scope in its cloud's portal; undefined when the
 * run was not against a known Azure cloud (a sandbox has no portal page).
 */
export function portalAccessControlUrl(resourceId: string, endpoint: string): string | undefined {
  const cloud = cloudOf(endpoint)
  return cloud ? `${cloud.portal}/#@/resource${resourceId}/users` : undefined
}

/** Is this ARM endpoint a sandbox on this machine (served on loopback)? */
export function isLocalEndpoint(endpoint: string): boolean {
  const host = hostOf(endpoint)
  return host !== undefined && isLoopbackHost(host)
}

function hostOf(endpoint: string): string | undefined {
  try {
    return new URL(endpoint).hostname.toLowerCase()
  } catch {
    return undefined
  }
}
