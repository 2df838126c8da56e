import { spawn, execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '@/cli/main.ts'
import { serializeDesign } from '@/model/serialize.ts'
import { startSandboxServer, type SandboxServer } from '@/sandbox/server/https-server.ts'
import { templateById } from '@/templates/index.ts'
import { memoryIO } from '../support/memory-io.ts'

const SUB = '11111111-1111-1111-1111-111111111111'
const files = {
  's2.json': serializeDesign(templateById('scenario-2')!.design),
  's3.json': serializeDesign(templateById('scenario-3')!.design),
  'owner.json': JSON.stringify({
    format: 'identity-topology',
    version: 1,
    name: 'Owner grant',
    nodes: [
      { id: 'web', kind: 'app', name: 'contoso-web', hosting: 'appService', systemAssigned: true },
      { id: 'blob', kind: 'service', name: 'contosoassets', service: 'storage' },
    ],
    edges: [{ id: 'e', kind: 'access', source: 'web', target: 'blob', roles: ['Owner'] }],
  }),
  'missing.json': JSON.stringify({
    format: 'identity-topology',
    version: 1,
    name: 'Unbindable',
    nodes: [{ id: 'st', kind: 'service', name: 'nosuchaccount', service: 'storage' }],
    edges: [],
  }),
}

let server: SandboxServer
beforeAll(async () => {
  server = await startSandboxServer({
    port: 0,
    options: { faults: { throttle: { enabled: true } } },
  })
})
afterAll(() => server.close())

const apply = (file: string, ...extra: string[]) => [
  'apply',
  file,
  '--subscription',
  SUB,
  '--resource-group',
  'sandbox-rg',
  '--sandbox',
  server.url,
  ...extra,
]

describe('idtopo apply against the HTTPS sandbox', () => {
  it('applies a design, writes the report, and a second run changes nothing', async () => {
    const m = memoryIO(files)
    expect(await runCli(apply('s2.json', '--report', 'report.json'), m.io)).toBe(0)
    const report = JSON.parse(m.written['report.json']!)
    expect(report.format).toBe('identity-apply-report')
    expect(report.counts.failed).toBe(0)
    expect(report.counts.created).toBeGreaterThan(10)
    // Scenario 2's two SQL users are T-SQL to run by hand: counted apart, not as skipped.
    expect(m.stdout()).toMatch(
      /created \d+, unchanged 0, failed 0, skipped 0; 2 to do by hand \(below\)\n/,
    )
    expect(m.stderr()).toContain('Preview:')
    expect(m.stderr()).toMatch(/\[\s*\d+\/\d+\] created\s+Grant Storage Blob Data Contributor/)
    expect(JSON.stringify(report)).not.toMatch(/Bearer|token/i)

    const again = memoryIO(files)
    expect(await runCli(apply('s2.json', '--report', 'report.json'), again.io)).toBe(0)
    const second = JSON.parse(again.written['report.json']!)
    expect(second.counts.created).toBe(0)
    expect(second.counts.failed).toBe(0)
    expect(again.stderr()).toMatch(/Preview: 0 to create/)
  }, 60_000)

  it('with --report -, writes the JSON report alone on stdout and the summary on stderr', async () => {
    const m = memoryIO(files)
    expect(await runCli(apply('s2.json', '--report', '-'), m.io)).toBe(0)
    const report = JSON.parse(m.stdout())
    expect(report.format).toBe('identity-apply-report')
    expect(m.stderr()).toMatch(/^Applied "Scenario 2.*" to sandbox-rg /m)
    expect(m.stderr()).toMatch(/created \d+, unchanged \d+, failed 0/)
    expect(m.written).toEqual({})
  }, 60_000)

  it('survives 20% server errors and connection resets over the network', async () => {
    await server.sandbox.setFaults({
      serverErrors: { rate: 0.2 },
      resets: { rate: 0.05, phase: 'response' },
    })
    try {
      const m = memoryIO(files)
      expect(await runCli(apply('s3.json', '--report', 'r.json'), m.io)).toBe(0)
      expect(m.stderr()).toMatch(/retry/)
      expect(JSON.parse(m.written['r.json']!).counts.failed).toBe(0)
    } finally {
      server.sandbox.resetFaults()
    }
  }, 120_000)

  it('exits 1 with ARM’s AuthorizationFailed when a scope refuses role assignment writes (the preview foresaw it)', async () => {
    const vault = `/subscriptions/${SUB}/resourceGroups/sandbox-rg/providers/Microsoft.KeyVault/vaults/kv-contoso-orders`
    server.sandbox.setFaults({ forbiddenScopes: [vault] })
    try {
      const m = memoryIO({
        'fresh.json': files['s3.json'].replace('kv-contoso-orders"', 'kv-contoso-orders"'),
      })
      server.sandbox.reset()
      expect(await runCli(apply('fresh.json', '--report', 'r.json'), m.io)).toBe(1)
      expect(m.stderr()).toMatch(
        /2 cannot be applied \(2 for lack of permission: tried anyway, ARM decides\)/,
      )
      expect(m.stdout()).toMatch(
        /Failed:[\s\S]*AuthorizationFailed \(403\): The client '[^']+' with object id '[^']+' does not have authorization to perform action 'Microsoft\.Authorization\/roleAssignments\/write'/,
      )
      const failed = JSON.parse(m.written['r.json']!).steps.filter(
        (st: { outcome: string }) => st.outcome === 'failed',
      )
      expect(failed).toHaveLength(2)
    } finally {
      server.sandbox.resetFaults()
    }
  }, 60_000)

  it('refuses a --principal naming no developer node (a typo would leave the developer unbound)', async () => {
    const m = memoryIO(files)
    const principal = ['--principal', 'dev=44444444-0000-4000-8000-000000000001']
    expect(await runCli(apply('s2.json', ...principal), m.io)).toBe(2)
    expect(m.stderr()).toContain(
      'idtopo apply: --principal "dev": no developer node with that id in the design (its developer nodes are "devs")',
    )
    expect(
      await runCli(
        apply('s3.json', '--principal', 'devs=44444444-0000-4000-8000-000000000001'),
        m.io,
      ),
    ).toBe(0)
  })

  it('refuses a --report it cannot write before it changes anything in Azure', async () => {
    const m = memoryIO(files)
    const before = JSON.stringify(server.sandbox.snapshot())
    expect(await runCli(apply('s3.json', '--report', '/readonly/report.json'), m.io)).toBe(2)
    expect(m.stderr()).toContain(
      '--report /readonly/report.json: cannot write the file: no permission (EACCES); nothing was applied',
    )
    expect(JSON.stringify(server.sandbox.snapshot())).toBe(before)
  })

  it('exits 2 on a binding problem, a missing group, and an unconfirmed privileged grant', async () => {
    const m = memoryIO(files)
    expect(await runCli(apply('missing.json'), m.io)).toBe(2)
    expect(m.stderr()).toContain(
      '  nodes[0] (id "st", name "nosuchaccount"): no Microsoft.Storage/storageAccounts named "nosuchaccount" in resource group sandbox-rg',
    )
    expect(
      await runCli(
        [
          'apply',
          's2.json',
          '--subscription',
          SUB,
          '--resource-group',
          'nope-rg',
          '--sandbox',
          server.url,
        ],
        m.io,
      ),
    ).toBe(2)
    expect(m.stderr()).toContain('resource group nope-rg not found')
    expect(await runCli(apply('owner.json'), m.io)).toBe(2)
    expect(m.stderr()).toContain('--confirm-privileged')
    expect(await runCli(apply('owner.json', '--confirm-privileged'), m.io)).toBe(0)
    expect(await runCli(['apply', 's2.json'], m.io)).toBe(2)
  }, 60_000)
})

describe('idtopo apply and drift, binding problems', () => {
  it('name the node of each: its path, id and name', async () => {
    // Azure names a resource as it likes; the design file does not take every such name (a
    // control character), so binding to it is refused: for a node with no azure.resourceId yet.
    const web = '\u001b[31mweb'
    server.sandbox.seed({
      resourceGroups: [{ name: 'odd-rg', location: 'westeurope' }],
      resources: [{ type: 'Microsoft.Web/sites', name: web, resourceGroup: 'odd-rg' }],
    })
    const st = { id: 'st', kind: 'service', name: 'nosuchaccount', service: 'storage' }
    const w1 = { id: 'w1', kind: 'app', name: web, hosting: 'appService', systemAssigned: true }
    const odd = (...nodes: object[]) =>
      JSON.stringify({ format: 'identity-topology', version: 1, name: 'Odd', nodes, edges: [] })
    const files = { 'missing.json': odd(w1, st), 'refused.json': odd(w1) }
    const at = ['--subscription', SUB, '--resource-group', 'odd-rg', '--sandbox', server.url]
    for (const command of ['apply', 'drift']) {
      const m = memoryIO(files)
      expect(await runCli([command, 'missing.json', ...at], m.io)).toBe(2)
      expect(m.stderr()).toBe(
        'missing.json: cannot bind the design to odd-rg\n  nodes[1] (id "st", name "nosuchaccount"): no Microsoft.Storage/storageAccounts named "nosuchaccount" in resource group odd-rg\n',
      )
      const n = memoryIO(files)
      expect(await runCli([command, 'refused.json', ...at], n.io)).toBe(2)
      expect(n.stderr().split('\n').slice(0, 2)).toEqual([
        'refused.json: cannot bind the design to odd-rg',
        expect.stringMatching(
          /^ {2}nodes\[0\] \(id "w1", name "\\x1B\[31mweb"\): azure\.resourceId: not an ARM resource id: /,
        ),
      ])
    }
  }, 60_000)
})

describe('idtopo apply, end to end as a user runs it', () => {
  it('applies against `npm run sandbox` and converges on a second run', async () => {
    const child = spawn('npm', ['run', '--silent', 'sandbox', '--', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString()
          const m = /listening on (https:\/\/\S+)/.exec(out)
          if (m?.[1]) resolve(m[1])
        })
        child.on('exit', (code) => reject(new Error(`sandbox exited ${code}`)))
      })
      const dir = mkdtempSync(join(tmpdir(), 'idtopo-'))
      const design = join(dir, 'design.topology.json')
      writeFileSync(design, files['s3.json'])
      const run = promisify(execFile)
      const args = [
        'bin/idtopo.js',
        'apply',
        design,
        '--subscription',
        SUB,
        '--resource-group',
        'sandbox-rg',
        '--sandbox',
        url,
        '--report',
        join(dir, 'report.json'),
      ]
      const first = await run('node', args)
      expect(first.stdout).toMatch(/failed 0/)
      const second = await run('node', args)
      expect(second.stdout).toMatch(/created 0, unchanged \d+, failed 0/)
      expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).counts.created).toBe(0)
    } finally {
      if (child.pid) process.kill(-child.pid, 'SIGTERM')
    }
  }, 90_000)
})

describe('idtopo apply interrupted (Ctrl+C) as a user does it', () => {
  let slow: SandboxServer
  beforeAll(async () => {
    // Each ARM call takes 150 ms: the run is still going when the first step is done.
    slow = await startSandboxServer({ port: 0, options: { faults: { latency: { fixedMs: 150 } } } })
  })
  afterAll(() => slow.close())

  it('says nothing was applied on SIGINT while it still reads Azure, and changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idtopo-int-'))
    const design = join(dir, 'design.topology.json')
    writeFileSync(design, files['s2.json'])
    const before = JSON.stringify(slow.sandbox.snapshot().roleAssignments)
    const args = ['bin/idtopo.js', ...apply(design).slice(0, -2), '--sandbox', slow.url]
    const child = spawn('node', args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
      if (stderr.includes('Reading the current state') && !child.killed) child.kill('SIGINT')
    })
    const code = await new Promise<number | null>((done) => child.on('exit', done))
    expect(code).toBe(130)
    expect(stderr).toContain(
      'Cancelled before anything was applied (apply was still reading Azure).',
    )
    expect(JSON.stringify(slow.sandbox.snapshot().roleAssignments)).toBe(before)
  }, 60_000)

  it('stops on SIGINT mid-run, says what was done, writes the report, and a second run finishes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idtopo-int-'))
    const design = join(dir, 'design.topology.json')
    const report = join(dir, 'report.json')
    writeFileSync(design, files['s2.json'])
    const args = [
      'bin/idtopo.js',
      ...apply(design).slice(0, -2),
      '--sandbox',
      slow.url,
      '--report',
      report,
    ]
    const child = spawn('node', args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
      if (/\] created /.test(stderr) && child.exitCode === null && !child.killed)
        child.kill('SIGINT')
    })
    const code = await new Promise<number | null>((done) => child.on('exit', done))
    expect(code).toBe(1)
    expect(stderr).toContain('Cancelling: steps in flight finish or stop; nothing new starts…')
    expect(stdout).toMatch(/^Cancelled "/)
    expect(stdout).toContain(
      'Run the same command again to finish: completed steps are kept and nothing is duplicated.',
    )
    const written = JSON.parse(readFileSync(report, 'utf8'))
    expect(written.cancelled).toBe(true)
    expect(written.counts.created).toBeGreaterThan(0)
    expect(written.counts.skipped).toBeGreaterThan(2)

    const again = await promisify(execFile)('node', args)
    expect(again.stdout).toMatch(/failed 0, skipped 0; 2 to do by hand/)
    const second = JSON.parse(readFileSync(report, 'utf8'))
    expect(second.cancelled).toBe(false)
    expect(second.counts.unchanged).toBeGreaterThanOrEqual(written.counts.created)
  }, 90_000)
})
