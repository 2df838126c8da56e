import type { Design } from '@/model/types.ts'
import type { Sandbox } from '@/sandbox/core/sandbox.ts'

/** The fixtures of the ABAC condition tests: a group that reads blobs of the account `logstore`. */
export const SUB = '11111111-1111-1111-1111-111111111111'
export const READERS = '5a1e0000-0000-4000-8000-00000000c0de'
export const BLOB_READER = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
export const LOGSTORE = `/subscriptions/${SUB}/resourceGroups/sandbox-rg/providers/Microsoft.Storage/storageAccounts/logstore`
/** Storage Blob Data Reader limited to the container `logs`. */
export const LOGS =
  "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'logs'"
export const roleId = (guid: string): string =>
  `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`

/** Readers of the whole account, as the design means them: a security group bound to its id. */
export const logsDesign: Design = {
  name: 'Logs',
  nodes: [
    { id: 'store', kind: 'service', name: 'logstore', service: 'storage' },
    {
      id: 'readers',
      kind: 'developer',
      name: 'Log readers',
      principal: 'group',
      azure: { principalId: READERS },
    },
  ],
  edges: [
    {
      id: 'e1',
      kind: 'access',
      source: 'readers',
      target: 'store',
      roles: ['Storage Blob Data Reader'],
    },
  ],
}

/** The account in the sandbox's group. */
export const seedLogstore = (sandbox: Sandbox): void =>
  sandbox.seed({ resources: [{ type: 'Microsoft.Storage/storageAccounts', name: 'logstore' }] })

/**
 * A role assignment made straight in the sandbox, as in the portal (ARM's PUT, validated as ARM
 * does): the group's Storage Blob Data Reader on `logstore`, with the given properties on top.
 * Returns the status.
 */
export function putAssignment(
  sandbox: Sandbox,
  name: string,
  properties: Readonly<Record<string, unknown>> = {},
  scope = LOGSTORE,
): number {
  const outcome = sandbox.handle({
    method: 'PUT',
    url: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}?api-version=2022-04-01`,
    headers: { authorization: 'Bearer t' },
    body: JSON.stringify({
      properties: {
        roleDefinitionId: roleId(BLOB_READER),
        principalId: READERS,
        principalType: 'Group',
        ...properties,
      },
    }),
  })
  return outcome.kind === 'response' ? outcome.response.status : 0
}
