import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { get } from 'node:https'
import { afterEach, describe, expect, it } from 'vitest'

const started: ChildProcess[] = []
afterEach(() => {
  for (const child of started.splice(0)) child.kill('SIGTERM')
})

/** Runs a bin/ entry and resolves with its stdout once `until` matches. */
function start(file: string, args: string[], until: RegExp): Promise<string> {
  const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  started.push(child)
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      if (until.test(out)) resolve(out)
    })
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk))
    child.on('exit', (code) => reject(new Error(`${file} exited with ${code}: ${err}`)))
  })
}

describe('npm run sandbox', () => {
  it('runs the compiled emulator (dist-cli/sandbox.mjs), not TypeScript through tsx', async () => {
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts
    expect(scripts.sandbox).toBe('node bin/sandbox.js')
    expect(existsSync('dist-cli/sandbox.mjs')).toBe(true)
    const out = await start('bin/sandbox.js', ['--port', '0'], /_sandbox\/certificate/)
    const url = /listening on (https:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1]
    expect(url).toBeDefined()
    // The certificate is the one it made at start: trusted here for this request only.
    const certificate = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      get(`${url}/_sandbox/certificate`, { rejectUnauthorized: false }, (res) => {
        let body = ''
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode, body }))
      }).on('error', reject)
    })
    expect(certificate.status).toBe(200)
    expect(certificate.body).toContain('-----BEGIN CERTIFICATE-----')
  }, 60_000)
})
