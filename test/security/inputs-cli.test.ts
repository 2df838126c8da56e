import { execFile, execFileSync, spawn } from 'node:child_process'
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CliIO } from '@/cli/io.ts'
import { runCli } from '@/cli/main.ts'
import { nodeIO } from '@/cli/node-io.ts'
import { MAX_DESIGN_CHARS } from '@/model/limits.ts'
import { serializeDesign } from '@/model/serialize.ts'
import { templateById } from '@/templates/index.ts'

const run = promisify(execFile)
const design = serializeDesign(templateById('scenario-2')!.design)
let dir: string

/** The real Node IO with captured output: files, FIFOs and links are the machine's own. */
function capture(): { io: CliIO; out: () => string; err: () => string } {
  const out: string[] = []
  const err: string[] = []
  return {
    io: { ...nodeIO, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) },
    out: () => out.join(''),
    err: () => err.join(''),
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'idtopo-cli-'))
  writeFileSync(join(dir, 'd.json'), design)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('--out and --report never overwrite the input design', () => {
  const cases: [string, (input: string) => string[]][] = [
    ['optimize --out, same path', (f) => ['optimize', f, '--out', f]],
    [
      'plan --out, another spelling',
      (f) => ['plan', f, '--out', f.replace('/d.json', '/./d.json')],
    ],
    [
      'export --out through a symbolic link',
      (f) => ['export', f, '--to', 'cli', '--out', f.replace('d.json', 'sym.json')],
    ],
    [
      'guide --out through a hard link',
      (f) => ['guide', f, '--out', f.replace('d.json', 'hard.json')],
    ],
    [
      'apply --report, before anything is applied',
      (f) => [
        'apply',
        f,
        '--subscription',
        '11111111-1111-1111-1111-111111111111',
        '--resource-group',
        'rg',
        '--sandbox',
        'https://127.0.0.1:1',
        '--report',
        f,
      ],
    ],
  ]
  beforeAll(() => {
    symlinkSync(join(dir, 'd.json'), join(dir, 'sym.json'))
    linkSync(join(dir, 'd.json'), join(dir, 'hard.json'))
  })

  it.each(cases)('%s: exit 2, a clear message, the input unchanged', async (_what, args) => {
    const input = join(dir, 'd.json')
    const c = capture()
    const argv = args(input)
    expect(await runCli(argv, c.io)).toBe(2)
    const out = argv[argv.length - 1]
    expect(c.err()).toBe(
      `${argv[argv.length - 2]} ${out}: that is the input design ${input}; write the result to another file (the input is never overwritten)\n`,
    )
    expect(readFileSync(input, 'utf8')).toBe(design)
  })

  it('still writes to another file', async () => {
    const c = capture()
    expect(
      await runCli(['plan', join(dir, 'd.json'), '--out', join(dir, 'd.plan.json')], c.io),
    ).toBe(0)
    expect(readFileSync(join(dir, 'd.plan.json'), 'utf8')).toContain('"format": "identity-plan"')
  })
})

describe('input files that are not designs are refused instead of read', () => {
  it('refuses a FIFO at once (reading it would wait for a writer forever)', async () => {
    const fifo = join(dir, 'pipe.json')
    execFileSync('mkfifo', [fifo])
    const c = capture()
    expect(await runCli(['check', fifo], c.io)).toBe(2)
    expect(c.err()).toBe(
      `${fifo}: not a regular file (a directory, FIFO or device): give the path of a design file\n`,
    )
  })

  it('refuses a directory and a device the same way', async () => {
    mkdirSync(join(dir, 'folder.json'))
    for (const path of [join(dir, 'folder.json'), '/dev/zero']) {
      const c = capture()
      expect(await runCli(['check', path], c.io)).toBe(2)
      expect(c.err()).toContain(`${path}: not a regular file`)
    }
  })

  it('refuses a file above the size cap without reading it', async () => {
    const big = join(dir, 'big.json')
    writeFileSync(big, ' '.repeat(MAX_DESIGN_CHARS + 1024 * 1024))
    const c = capture()
    expect(await runCli(['check', big], c.io)).toBe(2)
    expect(c.err()).toBe(`${big}: the file is 9 MB; designs are limited to 8 MB\n`)
  })
})

describe('Azure flags that reach ARM and generated scripts are checked', () => {
  it.each([
    [
      ['export', 'D', '--to', 'cli', '--subscription', '$(id)'],
      'idtopo export: --subscription expects a subscription id (a GUID), got "$(id)"',
    ],
    [
      ['export', 'D', '--to', 'cli', '--resource-group', 'rg"; rm -rf ~'],
      'idtopo export: --resource-group expects a resource group name that may only hold letters, digits, _ ( ) - and ., got "rg\\"; rm -rf ~"',
    ],
    [
      ['export', 'D', '--to', 'bicep', '--location', 'West Europe'],
      'idtopo export: --location expected an Azure region name in lower-case letters and digits, such as westeurope, got "West Europe"',
    ],
    [
      [
        'apply',
        'D',
        '--subscription',
        '11111111-1111-1111-1111-111111111111',
        '--resource-group',
        'rg',
        '--principal',
        'devs=alice',
      ],
      'idtopo apply: --principal expects NODE=OBJECT_ID (a GUID), got "devs=alice"',
    ],
  ])('%j', async (args, message) => {
    const c = capture()
    expect(
      await runCli(
        args.map((a) => (a === 'D' ? join(dir, 'd.json') : a)),
        c.io,
      ),
    ).toBe(2)
    expect(c.err()).toBe(`${message}\n`)
  })
})

describe('idtopo check big.json | head', () => {
  it('ends quietly when the reader closes the pipe: no EPIPE stack trace', async () => {
    // 3,000 unused identities: a findings report far larger than a pipe's buffer.
    const nodes = Array.from({ length: 3000 }, (_, i) => ({
      id: `mi-${i}`,
      kind: 'identity',
      name: `mi-${i}`,
    }))
    const big = join(dir, 'many.json')
    writeFileSync(
      big,
      JSON.stringify({ format: 'identity-topology', version: 1, name: 'many', nodes, edges: [] }),
    )
    const { stdout, stderr } = await run('bash', [
      '-c',
      'node bin/idtopo.js check "$1" --format json | head -c 100 >/dev/null; echo "status=${PIPESTATUS[0]}"',
      'bash',
      big,
    ])
    expect(stderr).toBe('')
    expect(stdout).toBe('status=0\n')
  }, 60_000)
})

describe('idtopo plan F > /dev/full', () => {
  /** The built CLI with stdout on /dev/full (every write fails with ENOSPC): its code and stderr. */
  async function toFullDevice(...args: string[]): Promise<{ code: number | null; stderr: string }> {
    const full = openSync('/dev/full', 'w')
    try {
      const child = spawn('node', ['bin/idtopo.js', ...args], { stdio: ['ignore', full, 'pipe'] })
      let stderr = ''
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
      const code = await new Promise<number | null>((done) => child.on('close', done))
      // bin/compiled.js's own line when src/ changed while the tests ran: not the command's.
      return { code, stderr: stderr.replace(/^idtopo: compiling \(.*\n/, '') }
    } finally {
      closeSync(full)
    }
  }

  it('says the output was lost, on one line, and exits 2: no stack trace, no "errors found"', async () => {
    const file = join(dir, 'd.json')
    expect(await toFullDevice('plan', file)).toEqual({
      code: 2,
      stderr: 'idtopo plan: cannot write to standard output: no space left on device (ENOSPC)\n',
    })
    // A design with an error: check's 1 would say "errors found", of output no one saw.
    const broken = join(dir, 'no-identity.json')
    writeFileSync(
      broken,
      JSON.stringify({
        format: 'identity-topology',
        version: 1,
        name: 'x',
        nodes: [
          { id: 'a', kind: 'app', name: 'a', hosting: 'appService' },
          { id: 's', kind: 'service', name: 's', service: 'storage' },
        ],
        edges: [
          {
            id: 'e',
            kind: 'access',
            source: 'a',
            target: 's',
            roles: ['Storage Blob Data Reader'],
          },
        ],
      }),
    )
    expect(await run('node', ['bin/idtopo.js', 'check', broken]).catch((e) => e)).toMatchObject({
      code: 1,
    })
    expect(await toFullDevice('check', broken)).toEqual({
      code: 2,
      stderr: 'idtopo check: cannot write to standard output: no space left on device (ENOSPC)\n',
    })
    expect(await toFullDevice('--help')).toEqual({
      code: 2,
      stderr: 'idtopo: cannot write to standard output: no space left on device (ENOSPC)\n',
    })
  }, 30_000)
})
