import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { runCli } from '@/cli/main.ts'
import { derivePlan } from '@/plan/derive.ts'
import { serializePlan } from '@/plan/export.ts'
import { serializeDesign } from '@/model/serialize.ts'
import { templateById } from '@/templates/index.ts'
import { design } from '../support/builder.ts'
import { memoryIO } from '../support/memory-io.ts'

const scenario2 = serializeDesign(templateById('scenario-2')!.design)
const broken = JSON.stringify({
  format: 'identity-topology',
  version: 1,
  name: 'x',
  nodes: [{ id: 'a', kind: 'app', name: 'a', hosting: 'web' }],
  edges: [{ id: 'e', kind: 'attach', source: 'a', target: 'b' }],
})
const files = {
  'good.json': scenario2,
  'bad.json': broken,
  'trunc.json': '{"format": "identity-top',
}

describe('idtopo check', () => {
  it('prints the JSON shape of PRODUCT.md §8 and exits 0 without errors', async () => {
    const m = memoryIO(files)
    const code = await runCli(['check', 'good.json', '--format', 'json'], m.io)
    const json = JSON.parse(m.stdout())
    expect(Object.keys(json)).toEqual(['findings', 'counts'])
    expect(Object.keys(json.counts)).toEqual(['error', 'warning', 'info'])
    expect(code).toBe(json.counts.error > 0 ? 1 : 0)
    for (const f of json.findings)
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining(['rule', 'severity', 'subject', 'message']),
      )
    expect(m.stderr()).toBe('')
  })

  it('exits 1 when a finding is an error: each finding has exactly rule, severity, subject, message, and related only when there are related ids', async () => {
    const withError = JSON.stringify({
      format: 'identity-topology',
      version: 1,
      name: 'errors',
      nodes: [
        { id: 'api', kind: 'app', name: 'api', hosting: 'appService' },
        { id: 'spare', kind: 'identity', name: 'spare' },
        { id: 'st', kind: 'service', name: 'st', service: 'storage' },
      ],
      edges: [
        {
          id: 'e1',
          kind: 'access',
          source: 'api',
          target: 'st',
          roles: ['Storage Blob Data Reader'],
        },
      ],
    })
    const m = memoryIO({ 'e.json': withError })
    expect(await runCli(['check', 'e.json', '--format', 'json'], m.io)).toBe(1)
    expect(m.stderr()).toBe('')
    const json = JSON.parse(m.stdout())
    const shape = (json.findings as Record<string, unknown>[]).map((f) => [
      Object.keys(f),
      f.rule,
      f.severity,
      f.subject,
      f.related,
      typeof f.message,
    ])
    const keys = ['rule', 'severity', 'subject', 'message']
    expect(shape).toEqual([
      [[...keys, 'related'], 'missing-identity', 'error', 'e1', ['api'], 'string'],
      [keys, 'unused-identity', 'warning', 'spare', undefined, 'string'],
      [[...keys, 'related'], 'developer-access-missing', 'info', 'st', ['api'], 'string'],
    ])
    expect(json.counts).toEqual({ error: 1, warning: 1, info: 1 })
    // The text format exits the same way; warnings and info alone exit 0.
    expect(await runCli(['check', 'e.json'], m.io)).toBe(1)
    const warningsOnly = withError.replace(
      '"hosting":"appService"',
      '"hosting":"appService","systemAssigned":true',
    )
    const w = memoryIO({ 'w.json': warningsOnly })
    expect(await runCli(['check', 'w.json', '--format', 'json'], w.io)).toBe(0)
    expect(JSON.parse(w.stdout()).counts).toEqual({ error: 0, warning: 1, info: 1 })
  })

  it('exits 2 on an invalid design with every problem and its path on stderr, nothing on stdout', async () => {
    const m = memoryIO(files)
    expect(await runCli(['check', 'bad.json'], m.io)).toBe(2)
    expect(m.stdout()).toBe('')
    expect(m.stderr()).toContain('bad.json: invalid design (2 problems)')
    expect(m.stderr()).toContain('nodes[0].hosting: expected one of appService')
    expect(m.stderr()).toContain('edges[0].target: no node with id "b"')
    expect(m.stderr()).not.toMatch(/\bat .*\.ts:\d+/) // no stack trace
  })

  it('exits 2 on truncated JSON, a missing file and bad options', async () => {
    const m = memoryIO(files)
    expect(await runCli(['check', 'trunc.json'], m.io)).toBe(2)
    expect(m.stderr()).toContain('(document): not valid JSON')
    expect(await runCli(['check', 'missing.json'], m.io)).toBe(2)
    expect(m.stderr()).toContain('missing.json: cannot read the file (no such file)')
    expect(await runCli(['check', 'good.json', '--format', 'xml'], m.io)).toBe(2)
    expect(await runCli(['check'], m.io)).toBe(2)
    expect(await runCli(['check', 'good.json', '--bogus'], m.io)).toBe(2)
    expect(m.stderr()).toContain('idtopo check: unknown option --bogus')
  })

  it('shows invisible characters of a name in its text output, and keeps an emoji whole', async () => {
    const hidden = design()
      .identity('mi', { name: 'mi\u200b-prod\u2060\ufeff\u{E0041}' })
      .app('api', { name: 'dev 👩‍💻', systemAssigned: true })
      .service('st', 'storage', { name: 'st 👩‍💻' })
      .access('api', 'st', ['Storage Blob Data Reader'], { via: 'system' })
      .build()
    const m = memoryIO({ 'hidden.json': serializeDesign(hidden) })
    expect(await runCli(['check', 'hidden.json'], m.io)).toBe(0)
    // A message quotes the name as a JSON string, its invisible characters escaped as JSON does.
    expect(m.stdout()).toContain(
      'Identity "mi\\u200b-prod\\u2060\\ufeff\\udb40\\udc41" is attached',
    )
    expect(m.stdout()).toContain('Apps reach "st 👩‍💻"')
    expect(m.stdout().replaceAll('👩‍💻', '')).not.toMatch(/\p{Cf}/u)
  })

  it('prints help for the command', async () => {
    const m = memoryIO()
    expect(await runCli(['check', '--help'], m.io)).toBe(0)
    expect(m.stdout()).toContain('Usage: idtopo check FILE')
  })
})

describe('idtopo plan', () => {
  it('writes the plan to stdout, or to --out', async () => {
    const m = memoryIO(files)
    expect(await runCli(['plan', 'good.json'], m.io)).toBe(0)
    expect(m.stdout()).toBe(serializePlan(derivePlan(templateById('scenario-2')!.design)))
    expect(m.stderr()).toBe('')
    expect(await runCli(['plan', 'good.json', '--out', 'p.json'], m.io)).toBe(0)
    expect(m.written['p.json']).toBe(m.stdout())
    const size = (Buffer.byteLength(m.stdout()) / 1024).toFixed(1)
    expect(m.stderr()).toBe(`Wrote the plan (16 actions) to p.json (${size} KB).\n`)
  })

  it('writes to standard output for --out -, and never a file named "-"', async () => {
    const m = memoryIO(files)
    expect(await runCli(['plan', 'good.json', '--out', '-'], m.io)).toBe(0)
    expect(JSON.parse(m.stdout()).format).toBe('identity-plan')
    expect(m.written).toEqual({})
  })

  it('exits 2 on invalid input and on an unwritable --out', async () => {
    const m = memoryIO(files)
    expect(await runCli(['plan', 'bad.json'], m.io)).toBe(2)
    expect(await runCli(['plan', 'good.json', '--out', '/readonly/p.json'], m.io)).toBe(2)
    expect(m.stderr()).toContain('/readonly/p.json: cannot write the file: no permission (EACCES)')
  })
})

describe('the idtopo executable', () => {
  it('says its version, the one package.json gives the build', async () => {
    const { stdout } = await promisify(execFile)('node', ['bin/idtopo.js', '--version'])
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    expect(stdout).toBe(`${version}\n`)
  }, 30_000)

  it('runs through npx-style bin with real exit codes', async () => {
    const run = promisify(execFile)
    const ok = await run('node', [
      'bin/idtopo.js',
      'plan',
      'src/templates/scenario-1-system-assigned.topology.json',
    ])
    expect(JSON.parse(ok.stdout).format).toBe('identity-plan')
    const failed = await run('node', ['bin/idtopo.js', 'check', 'package.json']).catch(
      (e: { code: number; stderr: string }) => e,
    )
    expect(failed).toMatchObject({ code: 2 })
    expect((failed as { stderr: string }).stderr).toContain('package.json: invalid design')
    const out = join(tmpdir(), `idtopo-no-such-folder-${process.pid}`, 'p.json')
    const lost = await run('node', [
      'bin/idtopo.js',
      'plan',
      'src/templates/scenario-1-system-assigned.topology.json',
      '--out',
      out,
    ]).catch((e: { code: number; stderr: string }) => e)
    expect(lost).toMatchObject({ code: 2 })
    expect((lost as { stderr: string }).stderr).toContain(
      `${out}: cannot write the file: its folder does not exist (ENOENT)`,
    )
  }, 30_000)

  it('reads the design from standard input for FILE -', async () => {
    const template = 'src/templates/scenario-1-system-assigned.topology.json'
    const piped = (input: string, ...args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
        const child = execFile('node', ['bin/idtopo.js', ...args], (error, stdout, stderr) =>
          done({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
        )
        child.stdin?.end(input)
      })
    const plan = await piped(readFileSync(template, 'utf8'), 'plan', '-')
    expect(plan.code).toBe(0)
    expect(JSON.parse(plan.stdout).format).toBe('identity-plan')
    const broken = await piped('{"format": ', 'check', '-')
    expect(broken.code).toBe(2)
    expect(broken.stderr).toContain('-: invalid design')
  }, 30_000)

  it('lists commands and rejects unknown ones', async () => {
    const m = memoryIO()
    expect(await runCli(['--help'], m.io)).toBe(0)
    expect(m.stdout()).toContain('check')
    expect(await runCli(['frobnicate'], m.io)).toBe(2)
    expect(m.stderr()).toContain('unknown command "frobnicate"')
  })
})
