import type { AccessToken, TokenCredential } from '@azure/core-auth'
import type { HttpClient, TlsSettings } from '@azure/core-rest-pipeline'
import { assertNever } from '../lib/assert.ts'
import {
  createSandboxHttpClient,
  type SandboxHttpClientOptions,
} from './adapters/sdk-http-client.ts'
import type { Sandbox } from './core/sandbox.ts'
import { SANDBOX_TENANT_ID } from './core/seed.ts'

/** Where the SDK clients send their requests: the in-page sandbox, or the HTTPS server. */
export type SandboxTarget =
  | {
      readonly kind: 'in-page'
      readonly sandbox: Sandbox
      readonly http?: SandboxHttpClientOptions
    }
  | { readonly kind: 'https'; readonly url: string; readonly certificatePem?: string }

/** A host that never resolves: the in-page client answers before any network is touched. */
export const IN_PAGE_ENDPOINT = 'https://sandbox.arm.invalid'

export const SANDBOX_CALLER_ID = '33333333-3333-3333-3333-333333333333'

/** Options for `new AuthorizationManagementClient(sandboxCredential, sub, options)` and the like. */
export interface SandboxClientOptions {
  readonly endpoint: string
  readonly credentialScopes: string[]
  readonly httpClient?: HttpClient
  /** Node only: trust the sandbox's self-signed certificate for these clients, nothing else. */
  readonly tlsOptions?: TlsSettings
}

export function sandboxClientOptions(target: SandboxTarget): SandboxClientOptions {
  const credentialScopes = ['https://management.azure.com/.default']
  switch (target.kind) {
    case 'in-page':
      return {
        endpoint: IN_PAGE_ENDPOINT,
        credentialScopes,
        httpClient: createSandboxHttpClient(target.sandbox, target.http),
      }
    case 'https':
      return {
        endpoint: target.url.replace(/\/+$/, ''),
        credentialScopes,
        ...(target.certificatePem ? { tlsOptions: { ca: target.certificatePem } } : {}),
      }
    default:
      return assertNever(target, 'sandbox target')
  }
}

const base64url = (value: object): string =>
  btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')

/**
 * The sandbox accepts any bearer token; this one is an unsigned JWT naming the sandbox caller, so
 * `createdBy` and the per-caller throttling have an object id to show.
 */
export const sandboxCredential: TokenCredential = {
  async getToken(): Promise<AccessToken> {
    const header = base64url({ alg: 'none', typ: 'JWT' })
    const claims = base64url({
      oid: SANDBOX_CALLER_ID,
      tid: SANDBOX_TENANT_ID,
      aud: 'https://management.azure.com',
    })
    return { token: `${header}.${claims}.`, expiresOnTimestamp: Date.now() + 60 * 60 * 1000 }
  },
}
