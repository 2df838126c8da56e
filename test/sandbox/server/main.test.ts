import { type ChildProcess, spawn } from 'node:child_process'
import { get } from 'node:https'
import { afterEach, describe, expect, it } from 'vitest'

const started: ChildProcess[] = []
afterEach(() => {
  for (const child of started.splice(0)) child.kill('SIGTERM')
})

/** Starts `npm run sandbox`'s entry point and resolves with the first line it prints. */
function startCli(args: string[]): Promise<string> {
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
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '')
    })
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)))
  })
}

describe('npm run sandbox', () => {
  it('prints its URL and serves the admin endpoint with the certificate it made', async () => {
    const line = await startCli(['--port', '0'])
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
})
