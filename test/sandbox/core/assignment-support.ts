import type { Sandbox } from '@/sandbox/core/sandbox.ts'
import { call, resourceId, roleDefinitionId, ROLES, SUB_ID, v } from '../support.ts'

export const NAME_A = '0b0f43c5-e787-4862-89b1-a653fa9cf747'
export const NAME_B = '1b0f43c5-e787-4862-89b1-a653fa9cf747'
export const USER = 'ce2ce14e-85d7-4629-bdbc-454d0519d987'
export const STORE = resourceId('Microsoft.Storage/storageAccounts', 'contosoassets')

/** The URL of a role assignment at a scope. */
export const assignment = (scope: string, name: string) =>
  v(`${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`)

/** A role assignment PUT body (subscription-form role definition id). */
export const body = (
  principalId = USER,
  role: string = ROLES.blobContributor,
  principalType?: string,
) => ({
  properties: {
    roleDefinitionId: `${SUB_ID}${roleDefinitionId(role)}`,
    principalId,
    ...(principalType ? { principalType } : {}),
  },
})

/** Creates a user-assigned identity and returns its (fresh) principal id. */
export function makeIdentity(sandbox: Sandbox, name = 'mi-one'): string {
  const id = resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', name)
  return call(sandbox, 'PUT', v(id, '2023-01-31'), { location: 'westeurope' }).json.properties
    .principalId
}
