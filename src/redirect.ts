import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge'

/**
 * MSAL 5's redirect bridge (redirect.html, the app registration's redirect URI): the identity
 * provider's answer to a popup or hidden-iframe sign-in reaches the app's window from here, and a
 * redirect sign-in goes back to the page that started it. It loads nothing else of the app.
 */
broadcastResponseToMainFrame().catch((error: unknown) => {
  document.body.textContent = `Sign-in could not finish: ${error instanceof Error ? error.message : String(error)}`
})
