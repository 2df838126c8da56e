import { AuthorizationManagementClient } from '@azure/arm-authorization'
import { ClientSecretCredential } from '@azure/identity'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sandboxCredential } from '@/sandbox/client-options.ts'
import { startSandboxServer, type SandboxServer } from '@/sandbox/server/https-server.ts'
import {
  APP_REDIRECT,
  ARM_REQUEST_SCOPE,
  claimsOf,
  fetchPinned,
  redeem,
  signInAs,
  startCodeFlow,
  submitLogin,
} from './support.ts'

const SUB = '11111111-1111-1111-1111-111111111111'
const TENANT = '22222222-2222-2222-2222-222222222222'
const STORE = `/subscriptions/${SUB}/resourceGroups/sandbox-rg/providers/Microsoft.Storage/storageAccounts/contosoassets`
const BLOB_READER = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1`
const DEVS = 'bbbbbbbb-0000-4000-8000-00000000000a'

let server: SandboxServer
beforeAll(async () => {
  server = await startSandboxServer({ login: true })
})
afterAll(async () => {
  await server?.close()
})

/** @azure/identity's ClientSecretCredential pointed at the sandbox as at a sovereign cloud. */
function clientCredential(clientId: string): ClientSecretCredential {
  return new ClientSecretCredential(TENANT, clientId, 'sandbox-secret', {
    authorityHost: server.url,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: server.certificatePem },
  })
}

function armClient(credential: ClientSecretCredential): AuthorizationManagementClient {
  return new AuthorizationManagementClient(credential, SUB, {
    endpoint: server.url,
    credentialScopes: ['https://management.azure.com/.default'],
    tlsOptions: { ca: server.certificatePem },
    retryOptions: { maxRetries: 0 },
  })
}

const arm = (token: string) =>
  fetchPinned(server, `/subscriptions/${SUB}/resourcegroups?api-version=2021-04-01`, {
    headers: { authorization: `Bearer ${token}` },
  })

/** MSAL's silent renewal: the refresh token, naming offline_access again through the scope. */
const renew = (refreshToken: string | undefined) =>
  redeem(server, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken ?? '',
    scope: ARM_REQUEST_SCOPE,
    client_info: '1',
  })

describe('the sign-in sandbox’s OpenID Connect provider', () => {
  it('publishes an Entra-shaped discovery document under the issuer', async () => {
    const issuer = `${server.url}/${TENANT}/v2.0`
    expect(server.signIn?.issuer).toBe(issuer)
    const reply = await fetchPinned(server, `${issuer}/.well-known/openid-configuration`)
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.text)).toMatchObject({
      issuer,
      authorization_endpoint: `${server.url}/${TENANT}/oauth2/v2.0/authorize`,
      token_endpoint: `${server.url}/${TENANT}/oauth2/v2.0/token`,
      jwks_uri: `${server.url}/${TENANT}/discovery/v2.0/keys`,
      end_session_endpoint: `${server.url}/${TENANT}/oauth2/v2.0/logout`,
      code_challenge_methods_supported: ['S256'],
    })
  })

  it('gives a pipeline a token by client credentials (@azure/identity), with which the Owner client assigns a role', async () => {
    const credential = clientCredential('sandbox-pipeline')
    const token = await credential.getToken('https://management.azure.com/.default')
    expect(claimsOf(token?.token ?? '')).toMatchObject({
      aud: 'https://management.azure.com',
      iss: `${server.url}/${TENANT}/v2.0`,
      oid: '66666666-0000-4000-8000-000000000001',
      tid: TENANT,
      idtyp: 'app',
      appid: 'sandbox-pipeline',
    })
    const created = await armClient(credential).roleAssignments.create(
      STORE,
      'a1b2c3d4-0000-4000-8000-000000000001',
      {
        roleDefinitionId: BLOB_READER,
        principalId: DEVS,
        principalType: 'Group',
      },
    )
    expect(created.createdBy).toBe('66666666-0000-4000-8000-000000000001')
  })

  it('refuses the Reader client with ARM’s AuthorizationFailed through the SDK', async () => {
    const attempt = armClient(clientCredential('sandbox-reader')).roleAssignments.create(
      STORE,
      'a1b2c3d4-0000-4000-8000-000000000002',
      { roleDefinitionId: BLOB_READER, principalId: DEVS, principalType: 'Group' },
    )
    await expect(attempt).rejects.toMatchObject({
      statusCode: 403,
      code: 'AuthorizationFailed',
      message: expect.stringMatching(
        /^The client '66666666-0000-4000-8000-000000000002' with object id '66666666-0000-4000-8000-000000000002' does not have authorization to perform action 'Microsoft\.Authorization\/roleAssignments\/write' over scope/,
      ),
    })
  })

  it('refuses a wrong client secret at the token endpoint', async () => {
    const wrong = new ClientSecretCredential(TENANT, 'sandbox-pipeline', 'not-the-secret', {
      authorityHost: server.url,
      disableInstanceDiscovery: true,
      tlsOptions: { ca: server.certificatePem },
    })
    await expect(wrong.getToken('https://management.azure.com/.default')).rejects.toThrow(
      /invalid_client/,
    )
  })

  it('signs a user in with authorization code + PKCE through its login page, with Entra’s claims and client_info', async () => {
    const tokens = await signInAs(server, 'owner@sandbox.example')
    expect(tokens.scope).toBe('https://management.azure.com/user_impersonation')
    expect(claimsOf(tokens.access_token ?? '')).toMatchObject({
      aud: 'https://management.azure.com',
      oid: '44444444-0000-4000-8000-000000000001',
      tid: TENANT,
      name: 'Olivia Owner',
      preferred_username: 'owner@sandbox.example',
      scp: 'user_impersonation',
    })
    expect(claimsOf(tokens.id_token ?? '')).toMatchObject({
      aud: server.signIn?.spaClientId,
      oid: '44444444-0000-4000-8000-000000000001',
      tid: TENANT,
      preferred_username: 'owner@sandbox.example',
      nonce: 'nonce-1',
    })
    expect(JSON.parse(Buffer.from(tokens.client_info ?? '', 'base64url').toString())).toEqual({
      uid: '44444444-0000-4000-8000-000000000001',
      utid: TENANT,
    })
    expect((await arm(tokens.access_token ?? '')).status).toBe(200)
    // MSAL renews silently with the refresh token, naming offline_access again.
    const renewed = await renew(tokens.refresh_token)
    expect(renewed.status).toBe(200)
    expect(renewed.json.access_token).not.toBe(tokens.access_token)
    expect((await arm(renewed.json.access_token ?? '')).status).toBe(200)
    // As Entra: every renewal gives a new refresh token, and the old one stays valid (two tabs,
    // or two renewals racing, may both use it): no reuse detection revoking the grant.
    expect(renewed.json.refresh_token).toBeTruthy()
    expect(renewed.json.refresh_token).not.toBe(tokens.refresh_token)
    const again = await renew(tokens.refresh_token)
    expect(again.status).toBe(200)
    expect((await arm(again.json.access_token ?? '')).status).toBe(200)
    const newest = await renew(renewed.json.refresh_token)
    expect(newest.status).toBe(200)
  })

  it('shows the login page again on a wrong password, and answers access_denied when the user cancels', async () => {
    const flow = await startCodeFlow(server)
    const wrong = await submitLogin(server, flow, {
      username: 'owner@sandbox.example',
      password: 'guess',
      action: 'sign-in',
    })
    expect(wrong.page?.status).toBe(200)
    expect(wrong.page?.text).toContain('Your account or password is incorrect.')
    const cancelled = await submitLogin(server, flow, { action: 'cancel' })
    expect(cancelled.redirect?.href.startsWith(APP_REDIRECT)).toBe(true)
    expect(new URLSearchParams(cancelled.redirect?.hash.slice(1)).get('error')).toBe(
      'access_denied',
    )
  })

  it('refuses a code redeemed with the wrong PKCE verifier', async () => {
    const flow = await startCodeFlow(server)
    const { redirect } = await submitLogin(server, flow, {
      username: 'reader@sandbox.example',
      password: 'sandbox-password',
      action: 'sign-in',
    })
    const code = new URLSearchParams(redirect?.hash.slice(1)).get('code') ?? ''
    const tokens = await redeem(server, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: APP_REDIRECT,
      code_verifier: 'x'.repeat(43),
    })
    expect(tokens.status).toBe(400)
    expect(tokens.json.error).toBe('invalid_grant')
  })
})

describe('the emulator accepts only the provider’s tokens for ARM when sign-in is on', () => {
  const expect401 = async (token: string, message: RegExp) => {
    const reply = await arm(token)
    expect(reply.status).toBe(401)
    expect(JSON.parse(reply.text).error.code).toBe('InvalidAuthenticationToken')
    expect(JSON.parse(reply.text).error.message).toMatch(message)
    expect(reply.headers['www-authenticate']).toMatch(
      new RegExp(
        `^Bearer authorization_uri="${server.url}/${TENANT}", error="invalid_token", error_description="`,
      ),
    )
  }

  it('401 AuthenticationFailed without a token, as ARM', async () => {
    const reply = await fetchPinned(server, `/subscriptions?api-version=2022-12-01`)
    expect(reply.status).toBe(401)
    expect(JSON.parse(reply.text).error.code).toBe('AuthenticationFailed')
  })

  it('refuses an unsigned (alg: none) token, the one the sandbox accepts without sign-in', async () => {
    const forged = await sandboxCredential.getToken('https://management.azure.com/.default')
    await expect401(forged?.token ?? '', /^The access token is invalid\.$/)
  })

  it('refuses a token with the right claims signed by another key', async () => {
    const genuine = claimsOf(
      (await clientCredential('sandbox-pipeline').getToken('https://management.azure.com/.default'))
        ?.token ?? '',
    )
    const { privateKey, publicKey } = await generateKeyPair('RS256')
    const jwk = await exportJWK(publicKey)
    const forged = await new SignJWT(genuine)
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid ?? 'forged' })
      .sign(privateKey)
    await expect401(forged, /^The access token is invalid\.$/)
  })

  it('refuses an ID token (audience: the web app), naming the wrong audience', async () => {
    const tokens = await signInAs(server, 'owner@sandbox.example')
    await expect401(
      tokens.id_token ?? '',
      new RegExp(
        // Real ARM's wording and list (Azure-Samples/active-directory-dotnetcore-daemon-v2#145).
        `^The access token has been obtained for wrong audience or resource '${server.signIn?.spaClientId}'\\. It should exactly match with one of the allowed audiences 'https://management\\.core\\.windows\\.net/','https://management\\.core\\.windows\\.net','https://management\\.azure\\.com/','https://management\\.azure\\.com'\\.$`,
      ),
    )
  })

  it('refuses an expired token, judged on the sandbox’s clock', async () => {
    const token =
      (await clientCredential('sandbox-reader').getToken('https://management.azure.com/.default'))
        ?.token ?? ''
    expect((await arm(token)).status).toBe(200)
    await fetchPinned(server, '/_sandbox/clock', {
      method: 'POST',
      body: JSON.stringify({ advanceMs: 2 * 3600 * 1000 }),
    })
    try {
      await expect401(
        token,
        /^The access token expiry UTC time '.+ [AP]M' is earlier than current UTC time '.+ [AP]M'\.$/,
      )
    } finally {
      await fetchPinned(server, '/_sandbox/reset', { method: 'POST' })
    }
  })
})
