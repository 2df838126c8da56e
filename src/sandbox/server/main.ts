import { parseArgs } from 'node:util'
import { startSandboxServer } from './https-server.ts'

/** `npm run sandbox -- [--port N] [--host H] [--seed N]`: the ARM emulator over HTTPS. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8443' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      'admin-token': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    process.stdout.write(
      'Usage: npm run sandbox -- [--port N] [--host 127.0.0.1] [--seed N] [--allow-origin URL]… [--admin-token T]\n\nStarts the Azure Resource Manager emulator over HTTPS (self-signed certificate made at start).\n--port 0 picks a free port. The admin endpoint is GET <url>/_sandbox.\n--allow-origin: a page origin that may call the sandbox (CORS); default: the web app on\n  http://127.0.0.1:5173, http://localhost:5173, http://127.0.0.1:4173, http://localhost:4173.\n--admin-token (or SANDBOX_ADMIN_TOKEN): at least 16 characters; the admin endpoint then requires\n  Authorization: Bearer <token>. Needed to listen on a --host other than loopback.\n',
    )
    return
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port expects 0–65535, got ${values.port}`)
  const seed = values.seed === undefined ? undefined : Number(values.seed)
  const adminToken = values['admin-token'] ?? process.env.SANDBOX_ADMIN_TOKEN
  const origins = values['allow-origin']
  const server = await startSandboxServer({
    port,
    host: values.host,
    ...(seed !== undefined ? { seed } : {}),
    ...(origins ? { allowOrigins: origins } : {}),
    ...(adminToken ? { adminToken } : {}),
  })
  process.stdout.write(
    `ARM sandbox listening on ${server.url}\n  admin:       ${server.url}/_sandbox\n  certificate: ${server.url}/_sandbox/certificate\n`,
  )
  const stop = (): void => {
    void server.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e: unknown) => {
  process.stderr.write(`sandbox: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
})
