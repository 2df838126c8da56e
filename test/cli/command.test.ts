import { describe, expect, it } from 'vitest'
import { signInOf } from '@/cli/apply-connection.ts'
import { checkCommand } from '@/cli/commands/check.ts'
import { runCli } from '@/cli/main.ts'
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
