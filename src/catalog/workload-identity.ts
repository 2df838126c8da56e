/**
 * Microsoft Entra workload identity (AKS): a pod's service account token is exchanged for a
 * user-assigned identity's token through a federated identity credential on that identity.
 * One Kubernetes service account maps to one identity (the pod's `azure.workload.identity/client-id`).
 */

/** Audience of workload identity federation. */
export const FEDERATION_AUDIENCE = 'api://AzureADTokenExchange'

/** The Kubernetes service account an AKS workload's pods run as: `default` namespace, the app's name. */
export function aksSubject(appName: string): string {
  return `system:serviceaccount:default:${appName}`
}

/**
 * A federated credential's name for an app: Managed Identity takes 3–120 characters of letters,
 * digits, `-` and `_`, starting with a letter or digit.
 */
export function federatedCredentialName(appName: string): string {
  const cleaned = appName.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^[-_]+/, '')
  return (cleaned.length >= 3 ? cleaned : `${cleaned}-fic`.replace(/^-/, 'fic')).slice(0, 120)
}

/**
 * Why a name cannot be a Kubernetes service account's, or undefined: it must be a DNS-1123
 * subdomain (lower-case letters, digits, `-` and `.`, at most 253, starting and ending with a
 * letter or digit). The subject of the federation names the account: an app named otherwise is
 * federated with an account that cannot exist.
 */
export function serviceAccountNameProblem(name: string): string | undefined {
  if (name.length > 253) return 'more than 253 characters'
  if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(name))
    return 'only lower-case letters, digits, "-" and ".", starting and ending with a letter or digit'
  return undefined
}
