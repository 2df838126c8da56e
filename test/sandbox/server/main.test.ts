import { type ChildProcess, spawn } from 'node:child_process'
import { get } from 'node:https'
import { afterEach, describe, expect, it } from 'vitest'

const started: ChildProcess[] = []
afterEach(() => {
  for (const child of started.splice(0)) child.kill('SIGTERM')
})

/** Starts `npm run sandbox`'s entry point and resolves with what it printed once `until` matches. */
function startCli(args: string[], until: RegExp = /\n/): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/sandbox/server/main.ts', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  started.push(child)
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.setEncoding('utf8')
    child.stdout?.on('data', (chunk: string) => {
      out += chunk
      if (until.test(out)) resolve(out)
    })
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)))
  })
}

describe('npm run sandbox', () => {
  it('prints its URL and serves the admin endpoint with the certificate it made', async () => {
    const line = (await startCli(['--port', '0'])).split('\n')[0] ?? ''
    const url = /https:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0]
    expect(url).toBeDefined()
    const pem = await new Promise<string>((resolve, reject) =>
      get(`${url}/_sandbox/certificate`, { rejectUnauthorized: false }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => resolve(body))
      }).on('error', reject),
    )
    expect(pem).toContain('BEGIN CERTIFICATE')
  })

  it('with --login prints the issuer, whose discovery document it serves, and the seeded accounts', async () => {
    const out = await startCli(['--port', '0', '--login'], /sandbox-reader.*\n/)
    const issuer =
      /issuer: +(https:\/\/127\.0\.0\.1:\d+\/22222222-2222-2222-2222-222222222222\/v2\.0)\n/.exec(
        out,
      )?.[1]
    expect(issuer).toBeDefined()
    expect(out).toMatch(/owner@sandbox\.example +Owner on the subscription/)
    expect(out).toContain('users (password sandbox-password)')
    expect(out).toMatch(/sandbox-pipeline +Sandbox pipeline \(Owner\)/)
    const discovery = await new Promise<string>((resolve, reject) =>
      get(`${issuer}/.well-known/openid-configuration`, { rejectUnauthorized: false }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => resolve(body))
      }).on('error', reject),
    )
    expect(JSON.parse(discovery).issuer).toBe(issuer)
  })
})
