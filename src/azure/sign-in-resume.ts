/**
 * A redirect sign-in (popups blocked) leaves the page; when the provider sends the user back, the
 * app reopens Apply on Azure so MSAL can finish. This note, in the tab's session storage, is all
 * that carries over: no token, no account.
 */
const KEY = 'identity-topology.apply-sign-in'

export function noteSignInStarted(): void {
  sessionStorage.setItem(KEY, 'azure')
}

export function noteSignInDone(): void {
  sessionStorage.removeItem(KEY)
}

/** Was the page loaded on the way back from a redirect sign-in? (Reading forgets the note.) */
export function takeSignInReturn(): boolean {
  const pending = sessionStorage.getItem(KEY) === 'azure'
  sessionStorage.removeItem(KEY)
  return pending
}
