import { describe, expect, it } from 'vitest'
import { AZURE_CLOUDS } from '@/apply/clouds.ts'
import {
  cloudMismatch,
  normalizeSettings,
  readSettings,
  settingsInCloud,
  settingsProblem,
} from '@/apply/entra-settings.ts'

const CLIENT = '0f6c0000-1111-4222-8333-444455556666'

describe('the web app’s sign-in settings', () => {
  it('reads the first version’s {clientId, tenant} as Entra’s public cloud', () => {
    expect(readSettings({ clientId: CLIENT, tenant: 'contoso.example' })).toEqual({
      clientId: CLIENT,
      authority: 'https://login.microsoftonline.com/contoso.example',
      armEndpoint: 'https://management.azure.com',
    })
  })

  it('takes an issuer for the authority (the sign-in sandbox prints one) and trims slashes', () => {
    expect(
      normalizeSettings({
        clientId: ` ${CLIENT} `,
        authority: 'https://127.0.0.1:8443/22222222-2222-2222-2222-222222222222/v2.0/',
        armEndpoint: 'https://127.0.0.1:8443/',
      }),
    ).toEqual({
      clientId: CLIENT,
      authority: 'https://127.0.0.1:8443/22222222-2222-2222-2222-222222222222',
      armEndpoint: 'https://127.0.0.1:8443',
    })
  })

  it.each([
    ['clientId', 'not-a-guid', /GUID/],
    ['authority', 'http://login.microsoftonline.com/contoso', /https URL/],
    ['authority', 'https://login.microsoftonline.com', /name the tenant/],
    ['armEndpoint', 'management.azure.com', /https URL/],
  ] as const)('refuses %s %s with a reason', (field, value, reason) => {
    expect(settingsProblem(field, value)).toMatch(reason)
  })

  it('drops unusable saved settings instead of signing in with them', () => {
    expect(readSettings({ clientId: CLIENT, authority: 'javascript:alert(1)' })).toBeNull()
    expect(readSettings({ tenant: 'contoso.example' })).toBeNull()
    expect(readSettings('{"clientId":"x"}')).toBeNull()
  })

  it('moves to a cloud keeping the tenant; to no cloud, leaves the ARM endpoint to fill in', () => {
    const [, gov, china] = AZURE_CLOUDS
    const at = {
      clientId: CLIENT,
      authority: 'https://login.microsoftonline.com/contoso.example',
      armEndpoint: 'https://management.azure.com',
    }
    expect(settingsInCloud(at, gov)).toEqual({
      clientId: CLIENT,
      authority: 'https://login.microsoftonline.us/contoso.example',
      armEndpoint: 'https://management.usgovcloudapi.net',
    })
    expect(settingsInCloud({ ...at, authority: 'half typed' }, china)).toEqual({
      clientId: CLIENT,
      authority: 'https://login.chinacloudapi.cn/organizations',
      armEndpoint: 'https://management.chinacloudapi.cn',
    })
    expect(settingsInCloud(at, undefined)).toEqual({ ...at, armEndpoint: '' })
  })

  it("says when the sign-in is one cloud's and the ARM endpoint another's, and not for a sandbox", () => {
    const gov = {
      clientId: CLIENT,
      authority: 'https://login.microsoftonline.us/contoso.example',
      armEndpoint: 'https://management.usgovcloudapi.net',
    }
    expect(cloudMismatch(gov)).toBeUndefined()
    expect(cloudMismatch({ ...gov, armEndpoint: 'https://management.chinacloudapi.cn/' })).toBe(
      "the authority signs in to Azure US Government, whose ARM endpoint is https://management.usgovcloudapi.net; this one is Azure China (21Vianet)'s, which refuses its tokens",
    )
    expect(cloudMismatch({ ...gov, armEndpoint: 'https://127.0.0.1:8443' })).toBeUndefined()
    expect(
      cloudMismatch({
        ...gov,
        authority: 'https://127.0.0.1:8443/tenant',
        armEndpoint: 'https://management.azure.com',
      }),
    ).toBeUndefined()
  })
})
