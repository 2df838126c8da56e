import { AZURE_CLOUDS } from './clouds.ts'

/** An ARM call that failed, as the apply report shows it: ARM's code and message, and what to do. */
export interface ArmFailure {
  readonly status?: number
  readonly code: string
  readonly message: string
  /** Milliseconds the server asked us to wait (Retry-After). */
  readonly retryAfterMs?: number
  /**
   * No answer came: the connection failed or dropped (ECONNRESET, a refused connection, a
   * browser's failed fetch). Worth another try, unlike a failure raised here without a status.
   */
  readonly network?: boolean
  /** What to do, set by the step that met the failure when it knows more than the code says. */
  readonly advice?: string
}

export function isArmFailure(value: unknown): value is ArmFailure {
  return (
    typeof value === 'object' &&
    value !== null &&
    'code' in value &&
    'message' in value &&
    !(value instanceof Error && value.name === 'AbortError')
  )
}

export type RetryClass =
  'throttled' | 'transient' | 'locked' | 'principalNotReady' | 'reauthenticate' | 'permanent'

/**
 * A provider busy with another write on the same resource: Cosmos DB's 412 "another user
 * operation … requires an exclusive lock", Managed Identity's 409 on concurrent federated
 * credential writes, Container Apps' 409 while an update of the app runs, and ARM's generic 409
 * AnotherOperationInProgress. Retried with backoff.
 */
const LOCK_CONFLICTS = new Set([
  'ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity',
  'ContainerAppLockConflict',
  'AnotherOperationInProgress',
])

const isLock = (f: ArmFailure): boolean =>
  (f.status === 412 && f.code === 'PreconditionFailed') ||
  (f.status === 409 &&
    (LOCK_CONFLICTS.has(f.code) ||
      // App Service's plain Conflict while a deployment, restart or earlier write runs on the
      // site (Azure/logicapps#1306): only its words tell it from a conflict worth reporting.
      (f.code === 'Conflict' && /another operation is in progress/i.test(f.message))))

/**
 * A principal Microsoft Entra ID does not know yet (a managed identity made moments ago): ARM's
 * PrincipalNotFound, and Cosmos DB's BadRequest "The provided principal ID [...] was not found in
 * the AAD tenant(s)" (its data roles take no principal type to skip the lookup; answered on the
 * PUT or as the failed operation's error: pulumi/pulumi-azure-native#2816, later runs succeed).
 */
const isPrincipalNotReady = (f: ArmFailure): boolean =>
  f.code === 'PrincipalNotFound' ||
  (f.code === 'BadRequest' && /principal ID .* was not found in the AAD tenant/i.test(f.message))

/** Which failures are worth retrying, and how. */
export function classify(f: ArmFailure): RetryClass {
  if (f.status === 429) return 'throttled'
  if (isLock(f)) return 'locked'
  if (isPrincipalNotReady(f)) return 'principalNotReady'
  // The token expired on the way (or ARM judges the clock differently): the credential renews it.
  if (
    f.status === 401 &&
    (f.code === 'ExpiredAuthenticationToken' || f.code === 'InvalidAuthenticationToken')
  )
    return 'reauthenticate'
  if (f.network === true) return 'transient'
  // A failure without a status and without a network cause was found here (a failed long-running
  // operation, a container app with no containers): trying again finds it again.
  if (f.status !== undefined && (f.status >= 500 || f.status === 408)) return 'transient'
  return 'permanent'
}

/**
 * Why a step waits before trying again, in words, for the progress lines: what the retry class
 * means, with ARM's code (a bare "BadRequest" while Entra ID catches up reads as a failure).
 */
export function retryReason(f: ArmFailure): string {
  const code = `${f.code}${f.status ? ` ${f.status}` : ''}`
  switch (classify(f)) {
    case 'throttled':
      return `ARM throttled the request (${code})`
    case 'locked':
      return `another operation holds the resource (${code})`
    case 'principalNotReady':
      return `Microsoft Entra ID does not know the new identity yet (${code})`
    case 'reauthenticate':
      return `the token expired, renewing it (${code})`
    case 'transient':
      return f.network
        ? `the connection failed (${code})`
        : `Azure answered a server error (${code})`
    case 'permanent':
      return code
  }
}

/**
 * The next step for the user, for the failures people meet applying identities: the step's own
 * when the step that met the failure knew more than the code says (`advice`).
 */
export function adviceFor(f: ArmFailure): string | undefined {
  if (f.advice) return f.advice
  if (isPrincipalNotReady(f))
    return 'The identity is new and not yet replicated in Microsoft Entra ID. Re-run apply in a few minutes; nothing will be duplicated.'
  switch (f.code) {
    case 'AuthorizationFailed':
      return authorizationAdvice(f.message)
    case 'InvalidAuthenticationTokenTenant':
      return otherTenantAdvice(f.message)
    case 'InvalidAuthenticationTokenAudience':
      return otherCloudAdvice(f.message)
    case 'LinkedAuthorizationFailed':
      return 'Attaching a user-assigned identity needs Microsoft.ManagedIdentity/userAssignedIdentities/assign/action on it: ask for Managed Identity Operator on the identity (or its group).'
    case 'RoleAssignmentLimitExceeded':
      // No number: Learn has said 4,000 since 2021 (MicrosoftDocs/azure-docs#83640), PRODUCT.md
      // 5,000; ARM's refusal is the limit, whichever it is.
      return 'The subscription holds as many role assignments as ARM allows (see Azure RBAC limits on Microsoft Learn). Share user-assigned identities (Optimize identities), grant developers through groups, or remove unused assignments.'
    case 'ResourceNotFound':
    case 'ResourceGroupNotFound':
      return 'Check the binding: the resource does not exist in the chosen subscription and resource group.'
    case 'InvalidRoleAssignmentId':
    case 'RoleAssignmentUpdateNotPermitted':
      return 'An assignment with this name exists with other content; remove it in the portal or let prune remove it.'
    case 'ECONNRESET':
    case 'NetworkError':
      return 'The connection dropped. Re-run apply: every step is idempotent.'
    case 'CredentialUnavailable':
      return 'No token for Azure: sign in again (az login for the CLI, or set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET in a pipeline), then re-run apply: every step is idempotent.'
    default:
      if (f.status === 429)
        return 'Azure Resource Manager throttled the writes; apply waited and retried. Re-run to finish.'
      if (f.status !== undefined && f.status >= 500)
        return 'Azure returned a server error. Re-run apply; completed steps are kept.'
      return undefined
  }
}

/**
 * A token for another cloud's ARM: ARM's message names the token's audience and lists the ones it
 * takes ("…wrong audience or resource 'https://management.azure.com'. It should exactly match with
 * one of the allowed audiences 'https://management.core.usgovcloudapi.net/', …", as Azure
 * Government's ARM answers in Azure/azure-sdk-for-js#18042): both name a cloud. Undefined when
 * they do not (a token for something else than ARM: the message says it all).
 */
function otherCloudAdvice(message: string): string | undefined {
  const [, token = '', allowed = ''] =
    /wrong audience or resource '([^']*)'.*allowed audiences (.*)$/is.exec(message) ?? []
  const named = (text: string) =>
    AZURE_CLOUDS.find((c) =>
      [c.armEndpoint, c.audience].some((a) => text.includes(new URL(a).hostname)),
    )
  const [tokens, arms] = [named(token), named(allowed)]
  if (!tokens || !arms || tokens === arms) return undefined
  return `This ARM is ${arms.label}'s and the token is for ${tokens.label}: sign in to ${arms.label} (idtopo: --cloud ${arms.name}; the designer: Cloud ${arms.label} in the sign-in settings).`
}

/** Which built-in role grants the action ARM refused (its message names it). */
const ROLE_FOR_ACTION: readonly (readonly [RegExp, string])[] = [
  [
    /^Microsoft\.Authorization\/roleAssignments\//i,
    'Role Based Access Control Administrator (or User Access Administrator / Owner)',
  ],
  [
    /^Microsoft\.ManagedIdentity\/userAssignedIdentities\/(write|delete)$/i,
    'Managed Identity Contributor',
  ],
  [
    /^Microsoft\.ManagedIdentity\/userAssignedIdentities\/assign\/action$/i,
    'Managed Identity Operator',
  ],
  [/^Microsoft\.Web\//i, 'Website Contributor (or Contributor)'],
  [
    /^Microsoft\.DocumentDB\/databaseAccounts\/sqlRoleAssignments\//i,
    'DocumentDB Account Contributor',
  ],
]

function authorizationAdvice(message: string): string {
  const action = /perform action '([^']+)'/.exec(message)?.[1]
  if (!action)
    return 'Your account lacks a permission at this scope: ask an Owner of it for the role the step needs.'
  const role = ROLE_FOR_ACTION.find(([pattern]) => pattern.test(action))?.[1] ?? 'Contributor'
  return `You need ${action} at this scope: ask for ${role} on it.`
}

/**
 * The subscription is in another Microsoft Entra tenant than the token's: ARM's message names it
 * ("It must match the tenant 'https://sts.windows.net/{tenant}/'").
 */
function otherTenantAdvice(message: string): string {
  const tenant = /must match the tenant 'https:\/\/[^/']+\/([^/']+)\/?'/i.exec(message)?.[1]
  const which = tenant ? `tenant ${tenant}` : 'another tenant'
  const id = tenant ?? '<tenant>'
  return `The subscription is in ${which}: sign in to it (idtopo: --tenant ${id}, or az login --tenant ${id}; the designer: the authority https://login.microsoftonline.com/${id} in the sign-in settings).`
}
