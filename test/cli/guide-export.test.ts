import { describe, expect, it } from 'vitest'
import { runCli } from '@/cli/main.ts'
import { exportDesign } from '@/export/export.ts'
import { connectionGuide } from '@/guide/derive-guide.ts'
import { guideMarkdown } from '@/guide/markdown.ts'
import { serializeDesign } from '@/model/serialize.ts'
import { templateById } from '@/templates/index.ts'
import { memoryIO } from '../support/memory-io.ts'

const scenario3 = templateById('scenario-3')!.design
const files = { 's3.json': serializeDesign(scenario3), 'bad.json': '{}' }

describe('idtopo guide', () => {
  it('prints the whole guide as Markdown', async () => {
    const m = memoryIO(files)
    expect(await runCli(['guide', 's3.json'], m.io)).toBe(0)
    expect(m.stdout()).toBe(guideMarkdown(connectionGuide(scenario3)))
    expect(m.stderr()).toBe('')
  })

  it('limits the guide to one app and one language, or prints JSON to --out', async () => {
    const m = memoryIO(files)
    expect(
      await runCli(['guide', 's3.json', '--app', 'worker', '--language', 'python'], m.io),
    ).toBe(0)
    expect(m.stdout()).toContain('## contoso-orders-worker (worker)')
    expect(m.stdout()).not.toContain('contoso-orders-api (api)')
    expect(m.stdout()).not.toContain('Local development')
    expect(m.stdout()).toContain('```python')
    expect(m.stdout()).not.toContain('```csharp')
    expect(await runCli(['guide', 's3.json', '--format', 'json', '--out', 'g.json'], m.io)).toBe(0)
    const json = JSON.parse(m.written['g.json']!)
    expect(json.apps.map((a: { app: string }) => a.app)).toEqual(['api', 'worker'])
    expect(json.apps[1].settings).toEqual([
      {
        name: 'AZURE_CLIENT_ID',
        identity: 'mi-storage',
        identityName: 'mi-contoso-orders-storage',
      },
    ])
  })

  it("writes another cloud's endpoints with --cloud, named in any case, and refuses an unknown cloud", async () => {
    const m = memoryIO(files)
    expect(await runCli(['guide', 's3.json', '--cloud', 'azurechinacloud'], m.io)).toBe(0)
    expect(m.stdout()).toBe(guideMarkdown(connectionGuide(scenario3, { cloud: 'AzureChinaCloud' })))
    expect(m.stdout()).toContain('https://contosoorders.blob.core.chinacloudapi.cn')
    expect(m.stdout()).not.toContain('core.windows.net')
    expect(await runCli(['guide', 's3.json', '--cloud', 'AzureGermanCloud'], m.io)).toBe(2)
    expect(m.stderr().split('\n')[0]).toBe(
      'idtopo guide: --cloud must be one of AzureCloud, AzureUSGovernment, AzureChinaCloud, not "AzureGermanCloud"; did you mean AzureChinaCloud?',
    )
  })

  it('exits 2 on an unknown app, language or format, and on an invalid design', async () => {
    const m = memoryIO(files)
    expect(await runCli(['guide', 's3.json', '--app', 'nope'], m.io)).toBe(2)
    expect(m.stderr()).toContain('no app with id "nope" (apps: api, worker)')
    expect(await runCli(['guide', 's3.json', '--language', 'cobol'], m.io)).toBe(2)
    expect(await runCli(['guide', 's3.json', '--format', 'html'], m.io)).toBe(2)
    expect(await runCli(['guide', 'bad.json'], m.io)).toBe(2)
    expect(m.stdout()).toBe('')
  })
})

describe('idtopo export', () => {
  it.each(['bicep', 'terraform', 'cli'] as const)('writes --to %s', async (to) => {
    const m = memoryIO(files)
    expect(await runCli(['export', 's3.json', '--to', to], m.io)).toBe(0)
    expect(m.stdout()).toBe(exportDesign(scenario3, to))
    expect(m.stderr()).toBe('')
  })

  it('warns on stderr of the privileged roles it grants, and writes the export all the same', async () => {
    // Owner added to contoso-orders-api's access to contosoorders through mi-contoso-orders-storage.
    const risky = {
      ...scenario3,
      edges: scenario3.edges.map((e) =>
        e.id === 'api-blob' && e.kind === 'access' ? { ...e, roles: ['Owner', ...e.roles] } : e,
      ),
    }
    const m = memoryIO({ 'risky.json': serializeDesign(risky) })
    expect(await runCli(['export', 'risky.json', '--to', 'cli'], m.io)).toBe(0)
    expect(m.stdout()).toBe(exportDesign(risky, 'cli'))
    expect(m.stderr()).toBe(
      'idtopo export: warning: the export grants privileged roles; review them before running it:\n  Owner: mi-contoso-orders-storage on contosoorders\n',
    )
  })

  it('passes --subscription, --resource-group and --location through, and writes --out', async () => {
    const m = memoryIO(files)
    const args = [
      'export',
      's3.json',
      '--to',
      'cli',
      '--subscription',
      '33333333-3333-4333-8333-333333333333',
      '--resource-group',
      'rg-1',
      '--location',
      'westeurope',
      '--out',
      'x.sh',
    ]
    expect(await runCli(args, m.io)).toBe(0)
    expect(m.stderr()).toMatch(/^Wrote the Azure CLI script export to x\.sh \(\d+\.\d KB\)\.\n$/)
    const script = m.written['x.sh']
    expect(script).toContain(
      `if [ -z "\${SUBSCRIPTION_ID:-}" ]; then SUBSCRIPTION_ID='33333333-3333-4333-8333-333333333333'; fi`,
    )
    expect(script).toContain(`if [ -z "\${RESOURCE_GROUP:-}" ]; then RESOURCE_GROUP='rg-1'; fi`)
    expect(script).toContain(`if [ -z "\${LOCATION:-}" ]; then LOCATION='westeurope'; fi`)
  })

  it('writes the export for another cloud with --cloud, named in any case, and refuses an unknown cloud', async () => {
    const m = memoryIO(files)
    expect(
      await runCli(
        ['export', 's3.json', '--to', 'terraform', '--cloud', 'azureusgovernment'],
        m.io,
      ),
    ).toBe(0)
    expect(m.stdout()).toBe(exportDesign(scenario3, 'terraform', { cloud: 'AzureUSGovernment' }))
    expect(m.stdout()).toContain('environment     = "usgovernment"')
    expect(
      await runCli(['export', 's3.json', '--to', 'cli', '--cloud', 'AzureGermanCloud'], m.io),
    ).toBe(2)
    expect(m.stderr().split('\n')[0]).toBe(
      'idtopo export: --cloud must be one of AzureCloud, AzureUSGovernment, AzureChinaCloud, not "AzureGermanCloud"; did you mean AzureChinaCloud?',
    )
  })

  it('exits 2 without --to or with an unknown one', async () => {
    const m = memoryIO(files)
    expect(await runCli(['export', 's3.json'], m.io)).toBe(2)
    expect(m.stderr()).toContain('--to must be one of bicep, terraform, cli')
    expect(await runCli(['export', 's3.json', '--to', 'arm'], m.io)).toBe(2)
    expect(await runCli(['export', '--help'], m.io)).toBe(0)
    expect(m.stdout()).toContain('Usage: idtopo export FILE --to bicep|terraform|cli')
  })

  it('exits 2, naming the node, for a Spring app not named <Spring>/<app> (an id with an empty segment)', async () => {
    const spring = {
      ...scenario3,
      nodes: scenario3.nodes.map((n) =>
        n.kind === 'app' ? { ...n, hosting: 'springApp' as const, name: `${n.name}\u001b[31m` } : n,
      ),
    }
    const m = memoryIO({ 'spring.json': serializeDesign(spring) })
    expect(await runCli(['export', 'spring.json', '--to', 'cli'], m.io)).toBe(2)
    expect(m.stdout()).toBe('')
    expect(m.stderr()).toMatch(/^idtopo export: cannot export these nodes as drawn: "/)
    expect(m.stderr()).toContain('is named "<Spring>/<app>" in Azure; rename it so, or bind it')
    expect(m.stderr()).not.toContain('\u001b')
  })
})
