import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth'
import {
  BrowserAuthError,
  createStandardPublicClientApplication,
  InteractionRequiredAuthError,
  type AccountInfo,
  type AuthenticationResult,
  type IPublicClientApplication,
} from '@azure/msal-browser'

/** The delegated permission apply needs: Azure Service Management, user_impersonation. */
export const ARM_USER_SCOPE = 'https://management.azure.com/user_impersonation'

export interface EntraSettings {
  readonly clientId: string
  /** A tenant id or domain; `organizations` lets any work account sign in. */
  readonly tenant: string
  readonly redirectUri: string
}

/**
 * Microsoft Entra sign-in for the web app, loaded lazily (MSAL is ~70 kB gzip). Tokens live in
 * MSAL's session-storage cache only: never in the design, the plan, the report or a log.
 * Popup first; when the browser blocks popups, the redirect flow.
 */
export class MsalSession {
  private readonly app: IPublicClientApplication

  private constructor(app: IPublicClientApplication) {
    this.app = app
  }

  static async start(settings: EntraSettings): Promise<MsalSession> {
    const app = await createStandardPublicClientApplication({
      auth: {
        clientId: settings.clientId,
        authority: `https://login.microsoftonline.com/${settings.tenant}`,
        redirectUri: settings.redirectUri,
      },
      cache: { cacheLocation: 'sessionStorage' },
    })
    const redirected = await app.handleRedirectPromise()
    if (redirected?.account) app.setActiveAccount(redirected.account)
    else if (!app.getActiveAccount()) {
      const [first] = app.getAllAccounts()
      if (first) app.setActiveAccount(first)
    }
    return new MsalSession(app)
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
      scopes: [ARM_USER_SCOPE],
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

  async signOut(): Promise<void> {
    const account = this.account
    await this.app.logoutPopup(account ? { account } : {})
    this.app.setActiveAccount(null)
  }

  /** A TokenCredential for the Azure SDK, asking for ARM's delegated scope whatever the SDK asks. */
  credential(): TokenCredential {
    return {
      getToken: async (
        _scopes: string | string[],
        _options?: GetTokenOptions,
      ): Promise<AccessToken | null> => {
        const result = await this.token()
        return result
          ? { token: result.accessToken, expiresOnTimestamp: result.expiresOn?.getTime() ?? 0 }
          : null
      },
    }
  }

  private async token(): Promise<AuthenticationResult | null> {
    const account = this.account
    if (!account) throw new Error('Sign in to Azure first.')
    const request = { scopes: [ARM_USER_SCOPE], account }
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
