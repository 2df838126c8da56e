import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { signInOf } from '@/cli/apply-connection.ts'
import { applyCommand } from '@/cli/commands/apply.ts'
import { checkCommand } from '@/cli/commands/check.ts'
import { COMMANDS, runCli } from '@/cli/main.ts'
import { serializeDesign } from '@/model/serialize.ts'
import { design } from '../support/builder.ts'
import { memoryIO } from '../support/memory-io.ts'
import packageJson from '../../package.json'

/** A subscription and group, well formed. */
const AT = ['--subscription', '11111111-1111-1111-1111-111111111111', '--resource-group', 'rg']

const files = { 'd.json': serializeDesign(design().app('api').build()) }

/** The first line of what the command wrote on stderr (the usage follows it). */
async function firstError(argv: string[]): Promise<string> {
  const m = memoryIO(files)
  expect(await runCli(argv, m.io)).toBe(2)
  return m.stderr().split('\n')[0] as string
}

describe('idtopo usage errors', () => {
  it('names the nearest command for a misspelt one', async () => {
    expect(await firstError(['chek', 'd.json'])).toBe(
      'idtopo: unknown command "chek"; did you mean check?',
    )
    expect(await firstError(['frobnicate'])).toBe('idtopo: unknown command "frobnicate"')
  })

  it('names the nearest option for a misspelt one, not how to pass a positional', async () => {
    expect(await firstError(['check', 'd.json', '--fromat', 'json'])).toBe(
      'idtopo check: unknown option --fromat; did you mean --format?',
    )
    expect(await firstError(['export', 'd.json', '--to', 'cli', '--resource-grup', 'rg'])).toBe(
      'idtopo export: unknown option --resource-grup; did you mean --resource-group?',
    )
    expect(await firstError(['check', 'd.json', '--bogus'])).toBe(
      'idtopo check: unknown option --bogus',
    )
  })

  it('lists the choices of an option and the nearest to a misspelt value', async () => {
    expect(await firstError(['check', 'd.json', '--format', 'sarf'])).toBe(
      'idtopo check: --format must be one of text, json, sarif, not "sarf"; did you mean sarif?',
    )
    expect(await firstError(['export', 'd.json', '--to', 'terrafrom'])).toBe(
      'idtopo export: --to must be one of bicep, terraform, cli, not "terrafrom"; did you mean terraform?',
    )
    expect(await firstError(['export', 'd.json'])).toBe(
      'idtopo export: --to must be one of bicep, terraform, cli',
    )
    expect(await firstError(['guide', 'd.json', '--format', 'md'])).toBe(
      'idtopo guide: --format must be one of markdown, json, not "md"',
    )
    expect(await firstError(['rules', '--format', 'JSON'])).toBe(
      'idtopo rules: --format must be one of text, json, not "JSON"; did you mean json?',
    )
  })
})

describe('help and version', () => {
  it("idtopo help COMMAND prints that command's usage, as COMMAND --help does", async () => {
    const m = memoryIO(files)
    expect(await runCli(['help', 'check'], m.io)).toBe(0)
    expect(m.stdout()).toBe(`${checkCommand.usage}\n`)
    expect(m.stdout()).toMatch(/^Usage: idtopo check FILE/)
    const n = memoryIO(files)
    expect(await runCli(['help', 'chek'], n.io)).toBe(2)
    expect(n.stderr().split('\n')[0]).toBe('idtopo: unknown command "chek"; did you mean check?')
    const general = memoryIO(files)
    expect(await runCli(['help'], general.io)).toBe(0)
    expect(general.stdout()).toMatch(/^Usage: idtopo <command> \[options\]/)
  })

  it('idtopo alone is a usage error: the usage on stderr, exit 2; asked for, it is on stdout, exit 0', async () => {
    const alone = memoryIO(files)
    expect(await runCli([], alone.io)).toBe(2)
    expect(alone.stdout()).toBe('')
    expect(alone.stderr()).toMatch(/^Usage: idtopo <command> \[options\]\n/)
    for (const asked of [['--help'], ['-h'], ['help']]) {
      const m = memoryIO(files)
      expect(await runCli(asked, m.io)).toBe(0)
      expect(m.stdout()).toBe(alone.stderr())
      expect(m.stderr()).toBe('')
    }
  })

  it('idtopo --version prints the version of package.json', async () => {
    const m = memoryIO(files)
    expect(await runCli(['--version'], m.io)).toBe(0)
    expect(m.stdout()).toBe(`${packageJson.version}\n`)
    expect(m.stderr()).toBe('')
  })
})

describe('an option given twice', () => {
  it('is refused, not settled by the last one', async () => {
    expect(await firstError(['apply', 'd.json', ...AT, '--resource-group', 'sandbox-rg'])).toBe(
      'idtopo apply: --resource-group given twice',
    )
    // A short and a long spelling are the same option.
    expect(await firstError(['import', ...AT, '-g', 'sandbox-rg'])).toBe(
      'idtopo import: --resource-group given twice',
    )
    expect(await firstError(['check', 'd.json', '--format', 'json', '--format', 'sarif'])).toBe(
      'idtopo check: --format given twice',
    )
    expect(await firstError(['export', 'd.json', '--to', 'cli', '--to', 'bicep'])).toBe(
      'idtopo export: --to given twice',
    )
    expect(await firstError(['plan', 'd.json', '--out', 'a.json', '--out=b.json'])).toBe(
      'idtopo plan: --out given twice',
    )
    const m = memoryIO(files)
    expect(await runCli(['plan', 'd.json', '--out', 'a.json', '-o', 'b.json'], m.io)).toBe(2)
    expect(m.written).toEqual({})
  })

  it('is taken when the option is repeatable (--principal NODE=OBJECT_ID ...)', async () => {
    const withDevelopers = {
      'd.json': serializeDesign(design().developer('devs').developer('ops').build()),
    }
    const m = memoryIO(withDevelopers)
    const guid = (n: number) => `${n}${n}${n}${n}${n}${n}${n}${n}-0000-4000-8000-000000000000`
    const args = [
      'apply',
      'd.json',
      ...AT,
      '--principal',
      `devs=${guid(1)}`,
      '--principal',
      `ops=${guid(2)}`,
    ]
    // Both bind their developer (checked before the report's path, the last check before Azure).
    expect(await runCli([...args, '--report', '/readonly/r.json'], m.io)).toBe(2)
    expect(m.stderr().split('\n')[0]).toBe(
      '--report /readonly/r.json: cannot write the file: no permission (EACCES); nothing was applied',
    )
  })
})

describe('the help texts', () => {
  // The design the examples name (command.ts's EXAMPLE_DESIGN), read from the repository.
  const EXAMPLE_DESIGN = 'src/templates/scenario-2-shared-identities.topology.json'
  const designText = readFileSync(EXAMPLE_DESIGN, 'utf8')
  /** The example lines of a help text, continued lines joined. */
  const examples = (usage: string): string[] =>
    (/\nExamples?:\n((?: {2}.*\n?)+)/.exec(usage)?.[1] ?? '')
      .replace(/\\\n\s*/g, '')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')

  /** Runs an example (a pipe between idtopo commands too) in memory: the last exit code. */
  async function runExample(line: string): Promise<number> {
    let piped = ''
    let code = 0
    for (const part of line.split(' | ')) {
      const [idtopo, ...argv] = part.split(/\s+/)
      expect(idtopo).toBe('idtopo')
      const m = memoryIO({ [EXAMPLE_DESIGN]: designText, '-': piped })
      code = await runCli(argv, m.io)
      expect(m.stderr(), line).not.toMatch(/^idtopo \w+: /m)
      piped = m.stdout()
    }
    return code
  }

  it('each has an example, and the top-level help too; those that need no Azure run', async () => {
    const general = memoryIO()
    await runCli(['--help'], general.io)
    const all = [general.stdout(), ...COMMANDS.map((c) => c.usage)]
    for (const usage of all) expect(examples(usage).length, usage).toBeGreaterThan(0)
    for (const command of COMMANDS)
      for (const line of examples(command.usage)) {
        expect(line.startsWith(`idtopo ${command.name} `), line).toBe(true)
        if (!['apply', 'import', 'drift'].includes(command.name))
          expect([0, 1], line).toContain(await runExample(line))
      }
    for (const line of examples(general.stdout())) expect(await runExample(line), line).toBe(0)
  })

  it('say where FILE may be - (standard input) and --out - (standard output)', () => {
    for (const command of COMMANDS) {
      const takesFile = / FILE /.test(command.usage.split('\n')[0]!)
      expect(
        command.usage.includes('FILE may be - to read the design from standard input'),
        command.name,
      ).toBe(takesFile)
      if (/\[--out /.test(command.usage))
        expect(command.usage, command.name).toMatch(
          /-o, --out \S+ +write .* \(-: standard output, as without --out\)/,
        )
    }
  })

  it('list the short options', () => {
    const shorts: Record<string, string[]> = {
      check: ['-f, --format'],
      rules: ['-f, --format'],
      explain: [],
      optimize: ['-o, --out'],
      plan: ['-o, --out'],
      apply: ['-g, --resource-group', '-l, --location'],
      import: ['-g, --resource-group', '-o, --out'],
      drift: ['-g, --resource-group', '-f, --format'],
      guide: ['-a, --app', '-l, --language', '-f, --format', '-o, --out'],
      export: ['-t, --to', '-g, --resource-group', '-l, --location', '-o, --out'],
    }
    for (const command of COMMANDS)
      for (const option of [...shorts[command.name]!, '-h, --help'])
        expect(command.usage, command.name).toContain(`\n  ${option} `)
  })

  it("explain apply's --concurrency N and its default", () => {
    expect(applyCommand.usage).toContain(
      '  --concurrency N        steps run at once within a phase (default 8); the phases run one\n',
    )
  })
})

describe('--principal NODE=OBJECT_ID', () => {
  const guid = (n: number) => `${n}${n}${n}${n}${n}${n}${n}${n}-0000-4000-8000-000000000000`
  const withDevelopers = {
    'd.json': serializeDesign(
      design()
        .developer('devs')
        .developer('ops', 'group', { azure: { principalId: guid(3) } })
        .build(),
    ),
  }
  /** Exit code and stderr's first line; `/readonly/` stops apply right after its --principal checks. */
  async function principal(command: string, ...values: string[]) {
    const m = memoryIO(withDevelopers)
    const stop = command === 'apply' ? ['--report', '/readonly/r.json'] : []
    const args = values.flatMap((v) => ['--principal', v])
    const code = await runCli([command, 'd.json', ...AT, ...args, ...stop], m.io)
    return [code, m.stderr().split('\n')[0]]
  }
  const unwritable =
    '--report /readonly/r.json: cannot write the file: no permission (EACCES); nothing was applied'

  it('refuses two different object ids for one developer node: the last one never silently wins', async () => {
    for (const command of ['apply', 'drift'])
      expect(await principal(command, `devs=${guid(1)}`, `devs=${guid(2)}`)).toEqual([
        2,
        `idtopo ${command}: --principal "devs" given twice, as ${guid(1)} and as ${guid(2)}: give one object id per developer node`,
      ])
  })

  it('takes the same object id twice (in any case): it says one thing', async () => {
    expect(await principal('apply', `devs=${guid(1)}`, `devs=${guid(1).toUpperCase()}`)).toEqual([
      2,
      unwritable,
    ])
  })

  it("refuses an object id other than the design's azure.principalId for that node", async () => {
    for (const command of ['apply', 'drift'])
      expect(await principal(command, `ops=${guid(4)}`)).toEqual([
        2,
        `idtopo ${command}: --principal "ops"=${guid(4)} differs from the design's azure.principalId ${guid(3)} for that developer node: drop the --principal to use the design's, or change azure.principalId in the design`,
      ])
  })

  it("takes the design's own azure.principalId, as it is or in upper case", async () => {
    expect(await principal('apply', `ops=${guid(3)}`)).toEqual([2, unwritable])
    expect(await principal('apply', `ops=${guid(3).toUpperCase()}`)).toEqual([2, unwritable])
  })
})

describe('the flags of the target, named when missing', () => {
  const sandbox = ['--sandbox', 'https://127.0.0.1:1']
  it.each([
    [['--resource-group', 'sandbox-rg'], '--subscription is required'],
    [['--subscription', AT[1]!], '--resource-group is required'],
    [[], '--subscription and --resource-group are required'],
  ])('%j: %s', async (flags, message) => {
    for (const command of ['apply', 'drift'])
      expect(await firstError([command, 'd.json', ...flags, ...sandbox])).toBe(
        `idtopo ${command}: ${message}`,
      )
    expect(await firstError(['import', ...flags, ...sandbox])).toBe(`idtopo import: ${message}`)
  })

  it('says what an empty one should hold', async () => {
    expect(
      await firstError(['apply', 'd.json', '--subscription', '', '--resource-group', 'rg']),
    ).toBe('idtopo apply: --subscription expects a subscription id (a GUID), got ""')
  })
})

describe('empty paths and empty designs', () => {
  const empty = { 'blank.json': ' \n', 'empty.json': '', '-': '', 'd.json': files['d.json'] }
  async function failure(argv: string[]): Promise<string> {
    const m = memoryIO(empty)
    expect(await runCli(argv, m.io)).toBe(2)
    return m.stderr()
  }

  it('says FILE is empty, not "cannot read the file"', async () => {
    for (const command of ['check', 'plan', 'optimize', 'guide'])
      expect((await failure([command, ''])).split('\n')[0]).toBe(
        `idtopo ${command}: FILE is empty: give the path of a design file, or - for standard input`,
      )
  })

  it('says --out and --report are empty, not that their folder does not exist', async () => {
    expect((await failure(['plan', 'd.json', '--out', ''])).split('\n')[0]).toBe(
      'idtopo plan: --out is empty: give a file path, or - for standard output',
    )
    expect((await failure(['export', 'd.json', '--to', 'cli', '-o', ''])).split('\n')[0]).toBe(
      'idtopo export: --out is empty: give a file path, or - for standard output',
    )
    expect((await failure(['apply', 'd.json', ...AT, '--report='])).split('\n')[0]).toBe(
      'idtopo apply: --report is empty: give a file path, or - for standard output',
    )
  })

  it('says an empty design file or standard input is empty, not "Unexpected end of JSON input"', async () => {
    expect(await failure(['check', 'empty.json'])).toBe(
      'empty.json: the file is empty: a design file holds the JSON of a design\n',
    )
    expect(await failure(['plan', 'blank.json'])).toBe(
      'blank.json: the file is empty (only blank space): a design file holds the JSON of a design\n',
    )
    expect(await failure(['check', '-'])).toBe(
      'standard input: empty: nothing was piped in; pipe a design into it, or name a file\n',
    )
  })
})

describe('the sign-in flags', () => {
  it('takes --tenant for Azure alone, and client credentials with it for a sandbox', () => {
    expect(signInOf('apply', { tenant: 'contoso.example' })).toEqual({
      tenantId: 'contoso.example',
    })
    expect(
      signInOf('apply', { tenant: 't', 'client-id': 'sandbox-pipeline', 'client-secret': 's' }),
    ).toEqual({
      client: { clientId: 'sandbox-pipeline', clientSecret: 's', tenantId: 't' },
      tenantId: 't',
    })
  })

  it('refuses an empty --tenant, and a --tenant for a sandbox without client credentials', async () => {
    expect(await firstError(['import', ...AT, '--tenant', ''])).toBe(
      'idtopo import: --tenant expects a tenant id or domain, got ""',
    )
    expect(await firstError(['import', ...AT, '--tenant', 't', '--sandbox', 'https://x'])).toBe(
      'idtopo import: --tenant with --sandbox goes with --client-id and --client-secret (a sandbox started with --login)',
    )
  })

  it('takes --cloud by its az cloud name, for Azure only', async () => {
    const { cloud } = signInOf('apply', { cloud: 'azureusgovernment' })
    expect([cloud?.name, cloud?.armEndpoint, cloud?.authorityHost]).toEqual([
      'AzureUSGovernment',
      'https://management.usgovcloudapi.net',
      'https://login.microsoftonline.us',
    ])
    expect(await firstError(['drift', 'd.json', ...AT, '--cloud', 'AzureGermanCloud'])).toBe(
      'idtopo drift: --cloud expects one of AzureCloud, AzureUSGovernment, AzureChinaCloud, got "AzureGermanCloud"',
    )
    expect(
      await firstError(['import', ...AT, '--cloud', 'AzureCloud', '--sandbox', 'https://x']),
    ).toBe('idtopo import: --cloud goes with Azure, not --sandbox (a sandbox serves its own ARM)')
  })
})
