import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '@/cli/main.ts'
import { serializeDesign } from '@/model/serialize.ts'
import { startSandboxServer, type SandboxServer } from '@/sandbox/server/https-server.ts'
import { templateById } from '@/templates/index.ts'
import { memoryIO } from '../support/memory-io.ts'

const SUB = '11111111-1111-1111-1111-111111111111'
const files = { 's2.json': serializeDesign(templateById('scenario-2')!.design) }

let server: SandboxServer
beforeAll(async () => {
  server = await startSandboxServer({ login: true })
})
afterAll(() => server.close())

const apply = (...extra: string[]) => [
  'apply',
  's2.json',
  '--subscription',
  SUB,
  '--resource-group',
  'sandbox-rg',
  '--sandbox',
  server.url,
  '--report',
  'report.json',
  ...extra,
]

describe('idtopo apply against a sandbox with sign-in, by client credentials as a pipeline', () => {
  it('refuses to go on without credentials, saying which to pass', async () => {
    const m = memoryIO(files)
    expect(await runCli(apply(), m.io)).toBe(2)
    expect(m.stderr()).toContain(
      `the sandbox at ${server.url} requires sign-in: pass --client-id and --client-secret`,
    )
  })

  it('says so when the secret is wrong', async () => {
    const m = memoryIO(files)
    expect(
      await runCli(apply('--client-id', 'sandbox-pipeline', '--client-secret', 'nope'), m.io),
    ).toBe(2)
    expect(m.stderr()).toMatch(/sign-in as sandbox-pipeline failed: .*invalid_client/)
  })

  it('the Reader client exits 1: the preview marks every write, and ARM’s AuthorizationFailed is in the report', async () => {
    const m = memoryIO(files)
    expect(
      await runCli(
        apply('--client-id', 'sandbox-reader', '--client-secret', 'sandbox-secret'),
        m.io,
      ),
    ).toBe(1)
    expect(m.stderr()).toMatch(
      /Preview: 0 to create, 0 already in place, 0 to change, (\d+) cannot be applied \(\1 for lack of permission/,
    )
    const report = JSON.parse(m.written['report.json']!)
    expect(report.counts.created).toBe(0)
    const refused = report.steps.filter(
      (s: { failure?: { code: string } }) => s.failure?.code === 'AuthorizationFailed',
    )
    expect(refused.map((s: { kind: string }) => s.kind)).toContain('createIdentity')
    expect(refused[0].failure.message).toMatch(
      /^The client '66666666-0000-4000-8000-000000000002' with object id '66666666-0000-4000-8000-000000000002' does not have authorization to perform action 'Microsoft\.ManagedIdentity\/userAssignedIdentities\/write' over scope/,
    )
    expect(JSON.stringify(report)).not.toMatch(/eyJ|Bearer/)
  }, 60_000)

  it('the pipeline client (Owner) applies everything, and a second run changes nothing', async () => {
    const m = memoryIO(files)
    const auth = ['--client-id', 'sandbox-pipeline', '--client-secret', 'sandbox-secret']
    expect(await runCli(apply(...auth), m.io)).toBe(0)
    const report = JSON.parse(m.written['report.json']!)
    expect(report.counts).toMatchObject({ failed: 0, created: expect.any(Number) })
    expect(report.counts.created).toBeGreaterThan(10)
    const again = memoryIO(files)
    expect(await runCli(apply(...auth), again.io)).toBe(0)
    expect(JSON.parse(again.written['report.json']!).counts.created).toBe(0)
  }, 60_000)
})
