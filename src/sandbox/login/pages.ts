import { createHash } from 'node:crypto'
import { SANDBOX_USERS } from './directory.ts'

/**
 * The sign-in sandbox's own pages: the login form (what Entra's sign-in page is to a real tenant),
 * the sign-out page and errors. Plain HTML with accessible labels, so tests fill them by role.
 */

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const STYLE = `body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.4rem}label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.4rem;box-sizing:border-box}
button{margin:1rem .5rem 0 0;padding:.4rem 1rem}.error{color:#a4262c}table{font-size:.85rem;margin-top:2rem;border-collapse:collapse}
td,th{text-align:left;padding:.2rem .6rem .2rem 0}`

function page(title: string, body: string, script?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body>${body}${script ? `<script>${script}</script>` : ''}</body></html>`
}

/** The pages' CSP: no network, inline styles, and only the page's own inline script (by hash). */
export function pagePolicy(script?: string): string {
  const hash = script ? `'sha256-${createHash('sha256').update(script).digest('base64')}'` : ''
  return `default-src 'none'; style-src 'unsafe-inline'; script-src ${hash || "'none'"}; frame-ancestors 'none'`
}

export function loginPage(
  action: string,
  options: { error?: string; username?: string } = {},
): string {
  const accounts = SANDBOX_USERS.map(
    (u) => `<tr><td>${escape(u.username)}</td><td>${escape(u.role)}</td></tr>`,
  ).join('')
  return page(
    'Sign in — ARM sandbox',
    `<h1>Sign in to the ARM sandbox</h1>
<form method="post" action="${escape(action)}">
${options.error ? `<p class="error" role="alert">${escape(options.error)}</p>` : ''}
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required value="${escape(options.username ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit" name="action" value="sign-in">Sign in</button>
<button type="submit" name="action" value="cancel" formnovalidate>Cancel</button>
</form>
<table aria-label="Sandbox accounts"><thead><tr><th>Account</th><th>Access</th></tr></thead><tbody>${accounts}</tbody></table>
<p>The password of every sandbox account is printed when the sandbox starts.</p>`,
  )
}

/** Signs out at once (the form oidc-provider made, confirmed by script); buttons without script. */
export const LOGOUT_SCRIPT = `(()=>{const f=document.getElementById('op.logoutForm');const i=document.createElement('input');i.type='hidden';i.name='logout';i.value='yes';f.appendChild(i);f.submit()})()`

export function logoutPage(form: string): string {
  return page(
    'Sign out — ARM sandbox',
    `<h1>Signing you out of the ARM sandbox…</h1>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>`,
    LOGOUT_SCRIPT,
  )
}

export function signedOutPage(): string {
  return page('Signed out — ARM sandbox', '<h1>You signed out of the ARM sandbox.</h1>')
}

export function errorPage(error: string, description: string): string {
  return page(
    'Sign-in error — ARM sandbox',
    `<h1>Sign-in failed</h1><p role="alert"><strong>${escape(error)}</strong>: ${escape(description)}</p>`,
  )
}
