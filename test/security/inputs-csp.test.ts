import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  configuredOrigins,
  contentSecurityPolicy,
  securityHeaders,
} from '../../scripts/security-headers.ts'

const directives = (policy: string): Map<string, string[]> =>
  new Map(
    policy.split('; ').map((d) => {
      const [name = '', ...values] = d.split(' ')
      return [name, values]
    }),
  )

describe('the web app’s Content-Security-Policy', () => {
  const policy = directives(contentSecurityPolicy())

  it('loads only its own files and runs no inline script', () => {
    expect(policy.get('default-src')).toEqual(["'self'"])
    expect(policy.get('script-src')).toEqual(["'self'"])
    expect(policy.get('style-src')).toEqual(["'self'"])
    expect(policy.get('object-src')).toEqual(["'none'"])
    expect(policy.get('base-uri')).toEqual(["'self'"])
  })

  it('talks only to ARM, the Entra authorities and a sandbox on loopback', () => {
    expect(policy.get('connect-src')).toEqual([
      "'self'",
      'https://management.azure.com',
      'https://management.usgovcloudapi.net',
      'https://management.chinacloudapi.cn',
      'https://login.microsoftonline.com',
      'https://login.microsoftonline.us',
      'https://login.chinacloudapi.cn',
      'https://127.0.0.1:*',
      'https://localhost:*',
    ])
    // MSAL's hidden renewal iframe: the authority, then the app's own redirect bridge.
    expect(policy.get('frame-src')).toEqual([
      "'self'",
      'https://login.microsoftonline.com',
      'https://login.microsoftonline.us',
      'https://login.chinacloudapi.cn',
      'https://127.0.0.1:*',
      'https://localhost:*',
    ])
  })

  it('adds a build’s configured authority and ARM endpoint, https only', () => {
    expect(
      configuredOrigins({
        VITE_AZURE_AUTHORITY: 'https://login.contoso.example/tenant/v2.0',
        VITE_ARM_ENDPOINT: 'http://insecure.example',
      }),
    ).toEqual(['https://login.contoso.example'])
    const extended = directives(
      contentSecurityPolicy({ extraOrigins: ['https://login.contoso.example'] }),
    )
    expect(extended.get('connect-src')).toContain('https://login.contoso.example')
    expect(extended.get('frame-src')).toContain('https://login.contoso.example')
  })

  it('refuses framing in the header (a meta tag cannot carry frame-ancestors)', () => {
    expect(policy.get('frame-ancestors')).toEqual(["'none'"])
    expect(directives(contentSecurityPolicy({}, true)).has('frame-ancestors')).toBe(false)
    const headers = securityHeaders('/')
    expect(headers['x-frame-options']).toBe('DENY')
    expect(headers['x-content-type-options']).toBe('nosniff')
  })

  it('lets only the app itself frame MSAL’s redirect bridge', () => {
    const bridge = securityHeaders('/redirect.html?code=x')
    expect(directives(bridge['content-security-policy'] ?? '').get('frame-ancestors')).toEqual([
      "'self'",
    ])
    expect(bridge['x-frame-options']).toBe('SAMEORIGIN')
  })

  it('allows the dev server’s nonce and hot-reload socket only when given', () => {
    const dev = directives(contentSecurityPolicy({ devNonce: 'abc' }))
    expect(dev.get('script-src')).toEqual(["'self'", "'nonce-abc'"])
    expect(dev.get('connect-src')).toContain('ws://127.0.0.1:*')
    expect(policy.get('connect-src')).not.toContain('ws://127.0.0.1:*')
  })

  it('is the policy the README tells hosts to send', () => {
    const readme = readFileSync('README.md', 'utf8')
    expect(readme).toContain(`Content-Security-Policy: ${contentSecurityPolicy()}\n`)
  })
})
