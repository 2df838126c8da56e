import type { TokenCredential } from '@azure/core-auth'
import { describe, expect, it } from 'vitest'
import { adviceFor, classify, type ArmFailure } from '@/apply/failure.ts'
import { createSdkGateway } from '@/azure/sdk-gateway.ts'

/** A credential that notes the scopes the SDK asks for and gives no token (no call leaves). */
function noting(): { credential: TokenCredential; asked: string[][] } {
  const asked: string[][] = []
  return {
    asked,
    credential: {
      getToken: (scopes) => {
        asked.push([scopes].flat())
        return Promise.reject(new Error('no token in this test'))
      },
    },
  }
}

describe('the SDK gateway', () => {
  it("asks for a token for the ARM audience of its endpoint's cloud (Azure Government's is not the public one)", async () => {
    const cases: [string | undefined, string][] = [
      [undefined, 'https://management.azure.com/.default'],
      ['https://management.usgovcloudapi.net/', 'https://management.usgovcloudapi.net/.default'],
      ['https://management.chinacloudapi.cn', 'https://management.chinacloudapi.cn/.default'],
      ['https://127.0.0.1:8443', 'https://management.azure.com/.default'],
    ]
    for (const [endpoint, scope] of cases) {
      const { credential, asked } = noting()
      const gateway = createSdkGateway({
        credential,
        ...(endpoint ? { clientOptions: { endpoint } } : {}),
      })
      await expect(gateway.listSubscriptions()).rejects.toThrow()
      expect([endpoint, asked[0]]).toEqual([endpoint, [scope]])
    }
  })

  it('says a sign-in that failed as such: permanent, with sign-in advice, not a dropped connection', async () => {
    // As DefaultAzureCredential fails when no credential is available (@azure/identity's class
    // and message), here after the first calls of a run worked (a token expired, az logged out).
    const unavailable = Object.assign(
      new Error(
        'ChainedTokenCredential authentication failed.\nCredentialUnavailableError: EnvironmentCredential is unavailable.',
      ),
      { name: 'CredentialUnavailableError' },
    )
    const gateway = createSdkGateway({
      credential: { getToken: () => Promise.reject(unavailable) },
    })
    const failure = await gateway.listSubscriptions().then(
      () => undefined,
      (e: unknown) => e as ArmFailure,
    )
    expect(failure).toEqual({ code: 'CredentialUnavailable', message: unavailable.message })
    expect(classify(failure!)).toBe('permanent')
    expect(adviceFor(failure!)).toBe(
      'No token for Azure: sign in again (az login for the CLI, or set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET in a pipeline), then re-run apply: every step is idempotent.',
    )
  })
})
