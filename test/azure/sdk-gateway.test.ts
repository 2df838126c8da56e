import type { TokenCredential } from '@azure/core-auth'
import { describe, expect, it } from 'vitest'
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
})
