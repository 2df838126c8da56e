import { describe, expect, it } from 'vitest'
import {
  armAudience,
  armTokenScope,
  cloudOf,
  isLocalEndpoint,
  portalAccessControlUrl,
} from '@/apply/clouds.ts'

const RG = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg'

describe('the Azure clouds', () => {
  it('knows a cloud by its ARM endpoint, with or without a trailing slash, in any case', () => {
    expect(cloudOf('https://management.azure.com')?.name).toBe('AzureCloud')
    expect(cloudOf('https://management.usgovcloudapi.net/')?.name).toBe('AzureUSGovernment')
    expect(cloudOf('https://MANAGEMENT.chinacloudapi.cn')?.name).toBe('AzureChinaCloud')
    expect(cloudOf('https://127.0.0.1:8443')).toBeUndefined()
    expect(cloudOf('not a url')).toBeUndefined()
  })

  it("asks for a token for the endpoint's own cloud: ARM in Azure Government refuses a public-cloud one", () => {
    expect(armTokenScope('https://management.usgovcloudapi.net', 'user_impersonation')).toBe(
      'https://management.usgovcloudapi.net/user_impersonation',
    )
    expect(armTokenScope('https://management.chinacloudapi.cn/', '.default')).toBe(
      'https://management.chinacloudapi.cn/.default',
    )
    expect(armTokenScope('https://management.azure.com', '.default')).toBe(
      'https://management.azure.com/.default',
    )
    // A sandbox (any host that is no cloud's ARM) takes the public audience, as the SDK's default.
    expect(armAudience('https://127.0.0.1:8443')).toBe('https://management.azure.com')
    expect(armAudience('https://arm.contoso.example')).toBe('https://management.azure.com')
  })

  it("links to the Access control page in the run's cloud's portal, and nowhere for a sandbox", () => {
    expect(portalAccessControlUrl(RG, 'https://management.azure.com')).toBe(
      `https://portal.azure.com/#@/resource${RG}/users`,
    )
    expect(portalAccessControlUrl(RG, 'https://management.usgovcloudapi.net')).toBe(
      `https://portal.azure.us/#@/resource${RG}/users`,
    )
    expect(portalAccessControlUrl(RG, 'https://management.chinacloudapi.cn')).toBe(
      `https://portal.azure.cn/#@/resource${RG}/users`,
    )
    expect(portalAccessControlUrl(RG, 'https://127.0.0.1:8443')).toBeUndefined()
    expect(portalAccessControlUrl(RG, 'sandbox (in this page)')).toBeUndefined()
  })

  it('tells a sandbox on this machine by its loopback host', () => {
    expect(isLocalEndpoint('https://127.0.0.1:8443')).toBe(true)
    expect(isLocalEndpoint('https://localhost:8443/')).toBe(true)
    expect(isLocalEndpoint('https://[::1]:8443')).toBe(true)
    expect(isLocalEndpoint('https://management.azure.com')).toBe(false)
    expect(isLocalEndpoint('sandbox (in this page)')).toBe(false)
  })
})
