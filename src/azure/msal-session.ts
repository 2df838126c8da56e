import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth'
import {
  BrowserAuthError,
  createStandardPublicClientApplication,
  InteractionRequiredAuthError,
  type AccountInfo,
  type AuthenticationResult,
  type IPublicClientApplication,
} from '@azure/msal-browser'
import { armTokenScope } from '../apply/clouds.ts'

export interface MsalSettings {
  readonly clientId: string
  /** `https://{host}/{tenant}`: Entra's, a sovereign cloud's, or any Entra-shaped issuer's. */
  readonly authority: string
  /** The redirect bridge page (redirect.html), registered on the app registration. */
  readonly redirectUri: string
  /** The ARM endpoint apply calls: tokens are asked for its cloud's audience (clouds.ts). */
  readonly armEndpoint: string
}

/**
 * Microsoft Entra sign-in for the web app, loaded lazily (MSAL is ~70 kB gzip). Tokens live in
 * MSAL's session-storage cache only: never in the design, the plan, the report or a log.
 * Popup first; when the browser blocks popups, the redirect flow. The popup and the hidden
 * iframe answer through the redirect bridge page (MSAL 5), which must be the redirect URI.
 */
export class MsalSession {
  private readonly app: IPublicClientApplication
  /** The delegated permission apply needs: Azure Service Management, user_impersonation. */
  private readonly scope: string

  private constructor(app: IPublicClientApplication, armEndpoint: string) {
    this.app = app
    this.scope = armTokenScope(armEndpoint, 'user_impersonation')
  }

  static async start(settings: MsalSettings): Promise<MsalSession> {
    const app = await createStandardPublicClientApplication({
      auth: {
        clientId: settings.clientId,
        authority: settings.authority,
        // The authority's own host: MSAL then trusts it without asking Entra's instance discovery
        // (which a sovereign cloud, a B2C-like host or the sign-in sandbox would fail).
        knownAuthorities: [new URL(settings.authority).host],
        redirectUri: settings.redirectUri,
        postLogoutRedirectUri: settings.redirectUri,
      },
      cache: { cacheLocation: 'sessionStorage' },
    })
    const redirected = await app.handleRedirectPromise()
    if (redirected?.account) app.setActiveAccount(redirected.account)
    else if (!app.getActiveAccount()) {
      const [first] = app.getAllAccounts()
      if (first) app.setActiveAccount(first)
    }
    return new MsalSession(app, settings.armEndpoint)
  }

  get account(): AccountInfo | null {
    return this.app.getActiveAccount()
  }

  accounts(): AccountInfo[] {
    return this.app.getAllAccounts()
  }

  /** Signs in (or switches account when `selectAccount`), popup first, redirect if popups are blocked. */
  async signIn(selectAccount = false): Promise<AccountInfo | null> {
    const request = {
      scopes: [this.scope],
      ...(selectAccount ? { prompt: 'select_account' } : {}),
    }
    try {
      const result = await this.app.loginPopup(request)
      this.app.setActiveAccount(result.account)
      return result.account
    } catch (e) {
      if (isPopupBlocked(e)) {
        await this.app.loginRedirect(request)
        return null
      }
      throw e
    }
  }

  useAccount(homeAccountId: string): void {
    const account = this.app.getAllAccounts().find((a) => a.homeAccountId === homeAccountId)
    if (account) this.app.setActiveAccount(account)
  }

  /**
   * Signs the active account out, at the identity provider too (the ID token names the session
   * and the app to return to), popup first, redirect if popups are blocked.
   */
  async signOut(): Promise<void> {
    const account = this.account
    const request = account
      ? { account, ...(account.idToken ? { idTokenHint: account.idToken } : {}) }
      : {}
    try {
      await this.app.logoutPopup(request)
    } catch (e) {
      if (!isPopupBlocked(e)) throw e
      await this.app.logoutRedirect(request)
    }
    this.app.setActiveAccount(null)
  }

  /**
   * A TokenCredential for the Azure SDK, asking for ARM's delegated scope whatever the SDK asks.
   * MSAL renews silently (refresh token, then a hidden iframe) before a token expires; a claims
   * challenge from ARM (continuous access evaluation) forces a fresh token.
   */
  credential(): TokenCredential {
    return {
      getToken: async (
        _scopes: string | string[],
        options?: GetTokenOptions,
      ): Promise<AccessToken | null> => {
        const result = await this.token(options?.claims)
        return result
          ? { token: result.accessToken, expiresOnTimestamp: result.expiresOn?.getTime() ?? 0 }
          : null
      },
    }
  }

  private async token(claims?: string): Promise<AuthenticationResult | null> {
    const account = this.account
    if (!account) throw new Error('Sign in to Azure first.')
    const request = { scopes: [this.scope], account, ...(claims ? { claims } : {}) }
    try {
      return await this.app.acquireTokenSilent(request)
    } catch (e) {
      if (!(e instanceof InteractionRequiredAuthError)) throw e
      try {
        return await this.app.acquireTokenPopup(request)
      } catch (popupError) {
        if (isPopupBlocked(popupError)) {
          await this.app.acquireTokenRedirect(request)
          return null
        }
        throw popupError
      }
    }
  }
}

function isPopupBlocked(e: unknown): boolean {
  return e instanceof BrowserAuthError && e.errorCode === 'popup_window_error'
}
