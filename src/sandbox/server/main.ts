import { parseArgs } from 'node:util'
import {
  CLIENT_SECRET,
  SANDBOX_APPLICATIONS,
  SANDBOX_USERS,
  USER_PASSWORD,
} from '../login/directory.ts'
import { loadEstate } from '../core/estate.ts'
import { startSandboxServer, type SandboxServer } from './https-server.ts'

const USAGE = `Usage: npm run sandbox -- [--port N] [--host 127.0.0.1] [--seed N] [--estate demo]
                          [--allow-origin URL ...] [--admin-token TOKEN]
                          [--login [--token-lifetime SECONDS] [--redirect-uri URL ...]]

Starts the Azure Resource Manager emulator over HTTPS (self-signed certificate made at start).
--port 0 picks a free port. The admin endpoint is GET <url>/_sandbox.

--estate demo        also write a realistic messy resource group, contoso-prod (a shared identity
                     used by four apps, Contributor and Owner handed out, orphaned assignments of a
                     deleted identity): try idtopo import and drift on it
--allow-origin URL   a page origin that may call the sandbox (CORS); by default the web app on
                     http://127.0.0.1:5173, http://localhost:5173, :4173 (npm start, npm run preview)
--admin-token TOKEN  (or SANDBOX_ADMIN_TOKEN) at least 16 characters: the admin endpoint then
                     requires Authorization: Bearer TOKEN. Needed to listen on a --host beyond loopback.

--login   sign-in mode: an OpenID Connect provider shaped like Microsoft Entra ID on the same
          origin (issuer <url>/22222222-2222-2222-2222-222222222222/v2.0); the emulator then accepts
          only tokens it signed for https://management.azure.com and authorizes every call by the
          caller's role assignments (401 InvalidAuthenticationToken, 403 AuthorizationFailed).
--token-lifetime SECONDS   access token lifetime in sign-in mode (default 3600)
--redirect-uri URL         another redirect URI for the web app's registration (the loopback
                           http://127.0.0.1/redirect.html and http://localhost/redirect.html on
                           any port are registered already)
`

/** `npm run sandbox -- …`: the ARM emulator over HTTPS, with sign-in on request. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8443' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      estate: { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      'admin-token': { type: 'string' },
      login: { type: 'boolean' },
      'token-lifetime': { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    process.stdout.write(USAGE)
    return
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port expects 0–65535, got ${values.port}`)
  const seed = values.seed === undefined ? undefined : Number(values.seed)
  const adminToken = values['admin-token'] ?? process.env.SANDBOX_ADMIN_TOKEN
  const origins = values['allow-origin']
  const lifetime =
    values['token-lifetime'] === undefined ? undefined : Number(values['token-lifetime'])
  if (lifetime !== undefined && (!Number.isInteger(lifetime) || lifetime < 1))
    throw new Error(
      `--token-lifetime expects a whole number of seconds, got ${values['token-lifetime']}`,
    )
  for (const uri of values['redirect-uri'] ?? [])
    if (!URL.canParse(uri)) throw new Error(`--redirect-uri expects a URL, got ${uri}`)
  const server = await startSandboxServer({
    port,
    host: values.host,
    ...(seed !== undefined ? { seed } : {}),
    ...(origins ? { allowOrigins: origins } : {}),
    ...(adminToken ? { adminToken } : {}),
    ...(values.login
      ? {
          login: {
            ...(lifetime !== undefined ? { accessTokenTtlSeconds: lifetime } : {}),
            redirectUris: values['redirect-uri'] ?? [],
          },
        }
      : {}),
  })
  if (values.estate !== undefined) {
    if (values.estate !== 'demo') throw new Error(`--estate knows only demo, got ${values.estate}`)
    const made = loadEstate(server.sandbox, 'demo')
    process.stdout.write(
      `Estate ${made.resourceGroup}: ${made.apps} apps, ${made.identities} identities, ${made.services} services, ${made.assignments} role assignments\n`,
    )
  }
  process.stdout.write(
    `ARM sandbox listening on ${server.url}\n  admin:       ${server.url}/_sandbox\n  certificate: ${server.url}/_sandbox/certificate\n${signInNotes(server)}`,
  )
  const stop = (): void => {
    void server.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

function signInNotes(server: SandboxServer): string {
  if (!server.signIn) return ''
  const { issuer, authority, spaClientId } = server.signIn
  const users = SANDBOX_USERS.map((u) => `    ${u.username.padEnd(28)} ${u.role}`).join('\n')
  const apps = SANDBOX_APPLICATIONS.map((a) => `    ${a.clientId.padEnd(28)} ${a.name}`).join('\n')
  return `Sign-in (OpenID Connect, shaped like Microsoft Entra ID)
  issuer:      ${issuer}
  discovery:   ${issuer}/.well-known/openid-configuration
  web app:     Apply → Azure → Settings: client ID ${spaClientId}, authority ${authority},
               ARM endpoint ${server.url}
  users (password ${USER_PASSWORD}):
${users}
  clients (secret ${CLIENT_SECRET}, scope https://management.azure.com/.default):
${apps}
`
}

main().catch((e: unknown) => {
  process.stderr.write(`sandbox: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
})
