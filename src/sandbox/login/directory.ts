import type { RbacAssignmentSeed } from '../core/rbac-seed.ts'
import { SANDBOX_RESOURCE_GROUP, SANDBOX_SUBSCRIPTION_ID, SANDBOX_TENANT_ID } from '../core/seed.ts'

/**
 * The sign-in sandbox's directory (PRODUCT.md §9 "Sign-in mode"): the users and applications its
 * identity provider knows, their object ids, and the roles they hold in the emulated subscription.
 * Everything here is public test data: the secrets are printed at start.
 */

export const LOGIN_TENANT_ID = SANDBOX_TENANT_ID
/** The resource the emulator accepts tokens for (the `aud` claim). */
export const ARM_AUDIENCE = 'https://management.azure.com'
/**
 * What public-cloud ARM takes as a token's audience, in the order its 401 lists them ("one of the
 * allowed audiences 'https://management.core.windows.net/','https://management.core.windows.net',
 * 'https://management.azure.com/','https://management.azure.com'", as quoted in
 * Azure-Samples/active-directory-dotnetcore-daemon-v2#145): azure-cli's resource id too.
 */
export const ARM_AUDIENCES = [
  'https://management.core.windows.net/',
  'https://management.core.windows.net',
  `${ARM_AUDIENCE}/`,
  ARM_AUDIENCE,
]
export const CLIENT_SECRET = 'sandbox-secret'
export const USER_PASSWORD = 'sandbox-password'

/** Built-in role GUIDs (the same in every tenant). */
const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
const RBAC_ADMINISTRATOR = 'f58310d9-a9f6-439a-9e8d-f62e7b41a168'

const SUBSCRIPTION_SCOPE = `/subscriptions/${SANDBOX_SUBSCRIPTION_ID}`
const GROUP_SCOPE = `${SUBSCRIPTION_SCOPE}/resourceGroups/${SANDBOX_RESOURCE_GROUP}`

export interface DirectoryUser {
  readonly objectId: string
  readonly username: string
  readonly name: string
  /** What the login page says about the account. */
  readonly role: string
}

export interface DirectoryApplication {
  readonly clientId: string
  /** The service principal's object id: the `oid` of its tokens. */
  readonly objectId: string
  readonly name: string
}

export const SANDBOX_USERS: readonly DirectoryUser[] = [
  {
    objectId: '44444444-0000-4000-8000-000000000001',
    username: 'owner@sandbox.example',
    name: 'Olivia Owner',
    role: 'Owner on the subscription',
  },
  {
    objectId: '44444444-0000-4000-8000-000000000002',
    username: 'reader@sandbox.example',
    name: 'Rafael Reader',
    role: 'Reader on the subscription',
  },
  {
    objectId: '44444444-0000-4000-8000-000000000003',
    username: 'rbac-admin@sandbox.example',
    name: 'Ada Access-Admin',
    role: `Role Based Access Control Administrator on ${SANDBOX_RESOURCE_GROUP}`,
  },
]

/** The web app's registration: a public client (single-page application, no secret). */
export const SPA_CLIENT_ID = '55555555-5555-4555-8555-555555555555'

/** Confidential clients for the client credentials grant (pipelines, `idtopo apply`). */
export const SANDBOX_APPLICATIONS: readonly DirectoryApplication[] = [
  {
    clientId: 'sandbox-pipeline',
    objectId: '66666666-0000-4000-8000-000000000001',
    name: 'Sandbox pipeline (Owner)',
  },
  {
    clientId: 'sandbox-reader',
    objectId: '66666666-0000-4000-8000-000000000002',
    name: 'Sandbox reader (Reader)',
  },
]

/** Who holds what when the sandbox starts (and after a reset). */
export const DIRECTORY_ASSIGNMENTS: readonly RbacAssignmentSeed[] = [
  {
    principalId: objectIdOf('owner@sandbox.example'),
    principalType: 'User',
    roleDefinitionGuid: OWNER,
    scope: SUBSCRIPTION_SCOPE,
  },
  {
    principalId: objectIdOf('reader@sandbox.example'),
    principalType: 'User',
    roleDefinitionGuid: READER,
    scope: SUBSCRIPTION_SCOPE,
  },
  {
    principalId: objectIdOf('rbac-admin@sandbox.example'),
    principalType: 'User',
    roleDefinitionGuid: RBAC_ADMINISTRATOR,
    scope: GROUP_SCOPE,
  },
  {
    principalId: appObjectId('sandbox-pipeline'),
    principalType: 'ServicePrincipal',
    roleDefinitionGuid: OWNER,
    scope: SUBSCRIPTION_SCOPE,
  },
  {
    principalId: appObjectId('sandbox-reader'),
    principalType: 'ServicePrincipal',
    roleDefinitionGuid: READER,
    scope: SUBSCRIPTION_SCOPE,
  },
]

export function findUser(username: string): DirectoryUser | undefined {
  const wanted = username.trim().toLowerCase()
  return SANDBOX_USERS.find((u) => u.username === wanted)
}

export function userById(objectId: string): DirectoryUser | undefined {
  return SANDBOX_USERS.find((u) => u.objectId === objectId)
}

export function applicationOf(clientId: string): DirectoryApplication | undefined {
  return SANDBOX_APPLICATIONS.find((a) => a.clientId === clientId)
}

function objectIdOf(username: string): string {
  const user = findUser(username)
  if (!user) throw new Error(`no sandbox user ${username}`)
  return user.objectId
}

function appObjectId(clientId: string): string {
  const app = applicationOf(clientId)
  if (!app) throw new Error(`no sandbox application ${clientId}`)
  return app.objectId
}
