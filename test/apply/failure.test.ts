import { describe, expect, it } from 'vitest'
import { describeFailure } from '@/apply/describe.ts'
import { adviceFor, classify, retryReason, type ArmFailure } from '@/apply/failure.ts'

const COSMOS_LOOKUP: ArmFailure = {
  code: 'BadRequest',
  message:
    "The provided principal ID [3f0c…] was not found in the AAD tenant(s) [72f9…] which are associated with the customer's subscription.",
}

describe('retryReason: why a step waits, in words', () => {
  it('names each retry class, with ARM’s code and status', () => {
    expect(
      [
        { status: 429, code: 'TooManyRequests', message: '' },
        { status: 409, code: 'ContainerAppLockConflict', message: '' },
        COSMOS_LOOKUP,
        { status: 401, code: 'ExpiredAuthenticationToken', message: '' },
        { code: 'ECONNRESET', message: 'socket hang up', network: true },
        { status: 503, code: 'ServiceUnavailable', message: '' },
        { status: 400, code: 'InvalidTemplate', message: '' },
      ].map(retryReason),
    ).toEqual([
      'ARM throttled the request (TooManyRequests 429)',
      'another operation holds the resource (ContainerAppLockConflict 409)',
      'Microsoft Entra ID does not know the new identity yet (BadRequest)',
      'the token expired, renewing it (ExpiredAuthenticationToken 401)',
      'the connection failed (ECONNRESET)',
      'Azure answered a server error (ServiceUnavailable 503)',
      'InvalidTemplate 400',
    ])
  })
})

describe('adviceFor: the next step for the user', () => {
  it('names the tenant a subscription of another tenant wants, from ARM’s message', () => {
    const message =
      "The access token is from the wrong issuer 'https://sts.windows.net/aaaa/'. It must match the tenant 'https://sts.windows.net/bbbb/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/bbbb' to get the token."
    expect(adviceFor({ status: 401, code: 'InvalidAuthenticationTokenTenant', message })).toBe(
      'The subscription is in tenant bbbb: sign in to it (idtopo: --tenant bbbb, or az login --tenant bbbb; the designer: the authority https://login.microsoftonline.com/bbbb in the sign-in settings).',
    )
    expect(classify({ status: 401, code: 'InvalidAuthenticationTokenTenant', message })).toBe(
      'permanent',
    )
  })

  it("names the cloud whose ARM refused another cloud's token, from the audiences ARM's message names", () => {
    // As Azure Government's ARM answers a public-cloud token (Azure/azure-sdk-for-js#18042).
    const gov =
      "The access token has been obtained for wrong audience or resource 'https://management.azure.com'. It should exactly match with one of the allowed audiences 'https://management.core.usgovcloudapi.net/','https://management.core.usgovcloudapi.net','https://management.usgovcloudapi.net/','https://management.usgovcloudapi.net'."
    const f = { status: 401, code: 'InvalidAuthenticationTokenAudience', message: gov }
    expect(adviceFor(f)).toBe(
      "This ARM is Azure US Government's and the token is for Azure: sign in to Azure US Government (idtopo: --cloud AzureUSGovernment; the designer: Cloud Azure US Government in the sign-in settings).",
    )
    expect(classify(f)).toBe('permanent')
    // Public ARM given a token of Azure China's (its classic audience).
    const china = {
      ...f,
      message:
        "The access token has been obtained for wrong audience or resource 'https://management.core.chinacloudapi.cn/'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'.",
    }
    expect(adviceFor(china)).toBe(
      "This ARM is Azure's and the token is for Azure China (21Vianet): sign in to Azure (idtopo: --cloud AzureCloud; the designer: Cloud Azure in the sign-in settings).",
    )
    // A token for something else than ARM (an ID token's audience is the app): no cloud to name.
    const idToken = {
      ...china,
      message: china.message.replace(
        /resource '[^']*'/,
        "resource '0f6c0000-1111-4222-8333-444455556666'",
      ),
    }
    expect(adviceFor(idToken)).toBeUndefined()
  })

  it('prefers the advice of the step that met the failure, wherever it is described', () => {
    const f = { status: 409, code: 'RoleAssignmentExists', message: 'exists', advice: 'Remove X.' }
    expect(adviceFor(f)).toBe('Remove X.')
    expect(describeFailure(f, true)).toBe('RoleAssignmentExists (409): exists — Remove X.')
  })

  it('says the subscription is at ARM’s role assignment limit, and what to do', () => {
    expect(
      adviceFor({ status: 400, code: 'RoleAssignmentLimitExceeded', message: 'No more.' }),
    ).toBe(
      'The subscription holds as many role assignments as ARM allows (see Azure RBAC limits on Microsoft Learn). Share user-assigned identities (Optimize identities), grant developers through groups, or remove unused assignments.',
    )
  })
})
