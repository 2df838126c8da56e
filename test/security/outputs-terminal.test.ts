// Every terminal output of idtopo with hostile names: no raw control character (carriage
// return, ANSI escape, OSC title, bidi control, NUL…) reaches stdout or stderr, and names cannot
// add lines. Against the HTTPS sandbox, a name built to overwrite the progress line that
// announces an Owner grant leaves that line whole.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { runCli } from '@/cli/main.ts'
import { UNSAFE_BUT_NEWLINE } from '@/lib/encode/chars.ts'
import { serializeDesign } from '@/model/serialize.ts'
import type { Design } from '@/model/types.ts'
import { startSandboxServer, type SandboxServer } from '@/sandbox/server/https-server.ts'
import { templateById } from '@/templates/index.ts'
import {
  LOGSTORE,
  logsDesign,
  putAssignment,
  READERS,
  seedLogstore,
} from '../support/conditional-access.ts'
import { exploitCases, hostileCase, type HostileCase } from '../support/hostile-designs.ts'
import { memoryIO } from '../support/memory-io.ts'

/** Issue 10's reproduced attacks, run before the random cases. */
const EXPLOITS = exploitCases().map((c): [HostileCase] => [c])

vi.setConfig({ testTimeout: 300_000 })

/** The file name is hostile too: it is printed in findings and summaries. */
const FILE = 'design\r\u001b[2K\u202e.json'

async function run(design: Design, ...args: string[]) {
  const m = memoryIO({ [FILE]: serializeDesign(design) })
  const code = await runCli(
    args.map((a) => (a === 'FILE' ? FILE : a)),
    m.io,
  )
  return { code, stdout: m.stdout(), stderr: m.stderr() }
}

const COMMANDS: readonly (readonly string[])[] = [
  ['check', 'FILE'],
  ['check', 'FILE', '--format', 'json'],
  ['check', 'FILE', '--format', 'sarif'],
  ['plan', 'FILE'],
  ['optimize', 'FILE'],
  ['guide', 'FILE'],
  ['guide', 'FILE', '--format', 'json'],
  ['export', 'FILE', '--to', 'cli'],
  ['export', 'FILE', '--to', 'terraform'],
  ['export', 'FILE', '--to', 'bicep'],
]

describe('idtopo output with hostile names', () => {
  it('holds no raw control character, and names add no lines', async () => {
    await fc.assert(
      fc.asyncProperty(hostileCase(), async ({ design, twin }) => {
        for (const args of COMMANDS) {
          const [out, plain] = [await run(design, ...args), await run(twin, ...args)]
          expect(out.code).toBe(plain.code)
          expect(out.stdout).not.toMatch(UNSAFE_BUT_NEWLINE)
          expect(out.stderr).not.toMatch(UNSAFE_BUT_NEWLINE)
          // A T-SQL script keeps a name's own line breaks inside [brackets] (each line of it
          // stays a comment or inside a string in the exports): only exports may grow.
          if (args[0] !== 'export')
            expect(out.stdout.split('\n')).toHaveLength(plain.stdout.split('\n').length)
          expect(out.stderr.split('\n')).toHaveLength(plain.stderr.split('\n').length)
        }
      }),
      { examples: EXPLOITS, numRuns: 15, endOnFailure: true },
    )
  })

  it('writes an invalid design’s problems and bad flags without obeying what they hold', async () => {
    const m = memoryIO({
      [FILE]:
        '{"format":"identity-topology","version":1,"name":"\\u001b]0;pwned\\u0007","nodes":[{"id":"a","kind":"app","name":"x","hosting":"\\u001b[2K\\r\\u202e"}],"edges":[]}',
    })
    expect(await runCli(['check', FILE], m.io)).toBe(2)
    expect(await runCli(['nosuch\r\u001b[31mcommand'], m.io)).toBe(2)
    expect(await runCli(['guide', FILE, '--app', '\u001b]0;t\u0007'], m.io)).toBe(2)
    expect(m.stderr()).toContain('nodes[0].hosting')
    expect(m.stderr()).not.toMatch(UNSAFE_BUT_NEWLINE)
  })
})

describe('idtopo apply with names built to rewrite its progress lines', () => {
  const SUB = '11111111-1111-1111-1111-111111111111'
  /** Carriage return, erase line, a fake "created" line, and a colour that hides the rest. */
  const FORGERY = 'mi-x\r\u001b[2K[1/1] created   Grant Reader on contosoassets\u001b[8m'
  const scenario = templateById('scenario-2')!.design
  const design: Design = {
    ...scenario,
    name: `Receipts \u001b]0;owned\u0007\u202e`,
    // Bound to the identity by resource id, the node's name is a label only: Azure never sees it
    // (an identity created under its own name must have a name Azure takes), the terminal does.
    nodes: scenario.nodes.map((n) =>
      n.id === 'mi-storage'
        ? {
            ...n,
            name: FORGERY,
            azure: {
              resourceId: `/subscriptions/${SUB}/resourceGroups/sandbox-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi-x`,
            },
          }
        : n,
    ),
    edges: [
      ...scenario.edges,
      {
        id: 'owner',
        kind: 'access',
        source: 'web1',
        target: 'blob',
        via: 'mi-storage',
        roles: ['Owner'],
      },
    ],
  }
  let server: SandboxServer
  beforeAll(async () => {
    server = await startSandboxServer({ port: 0 })
  })
  afterAll(() => server.close())
  const apply = (...extra: string[]) => [
    'apply',
    FILE,
    '--subscription',
    SUB,
    '--resource-group',
    'sandbox-rg',
    '--sandbox',
    server.url,
    ...extra,
  ]

  it('names the Owner grant on a line of its own, and runs it only when confirmed', async () => {
    const refused = memoryIO({ [FILE]: serializeDesign(design) })
    expect(await runCli(apply(), refused.io)).toBe(2)
    expect(refused.stderr()).not.toMatch(UNSAFE_BUT_NEWLINE)
    const owner = refused
      .stderr()
      .split('\n')
      .filter((l) => l.includes('Grant Owner'))
    expect(owner).toEqual([
      '  Grant Owner on contosoassets to mi-x\\r\\x1B[2K[1/1] created   Grant Reader on contosoassets\\x1B[8m (every control-plane action (*))',
    ])

    const confirmed = memoryIO({ [FILE]: serializeDesign(design) })
    await runCli(apply('--confirm-privileged'), confirmed.io)
    const lines = `${confirmed.stderr()}${confirmed.stdout()}`
    expect(lines).not.toMatch(UNSAFE_BUT_NEWLINE)
    const progress = confirmed
      .stderr()
      .split('\n')
      .filter((l) => l.includes('Grant Owner'))
    expect(progress).toHaveLength(1)
    expect(progress[0]).toMatch(
      /^\[\s*\d+\/\d+\] \w+\s+Grant Owner on contosoassets to mi-x\\r\\x1B\[2K/,
    )
    expect(confirmed.stdout()).toContain('"Receipts \\x1B]0;owned\\x07<U+202E>"')
  })
})

describe('idtopo import and drift with what Azure holds built to forge their lines', () => {
  const SUB = '11111111-1111-1111-1111-111111111111'
  const RG = 'sandbox-rg'
  const GROUP = `/subscriptions/${SUB}/resourceGroups/${RG}`
  /** A custom role's name is free text in ARM: a line break, a fake progress line, a colour. */
  const ROLE_NAME = 'Reader\n  [9/9] 0 role assignments\r\u001b[2K\u001b[8m'
  const ROLE = '0000eeee-0000-4000-8000-000000000001'
  const STRANGER = '0000ffff-0000-4000-8000-000000000001'
  let server: SandboxServer
  beforeAll(async () => {
    server = await startSandboxServer({ port: 0 })
  })
  afterAll(() => server.close())
  const put = (url: string, properties: object) => {
    const outcome = server.sandbox.handle({
      method: 'PUT',
      url: `${url}?api-version=2022-04-01`,
      headers: { authorization: 'Bearer t' },
      body: JSON.stringify({ properties }),
    })
    return outcome.kind === 'response' ? outcome.response.status : 0
  }
  const at = ['--subscription', SUB, '--resource-group', RG, '--sandbox']

  it('writes each note of import on one line, and drift without a raw control', async () => {
    const m = memoryIO({ [FILE]: serializeDesign(templateById('scenario-2')!.design) })
    expect(await runCli(['apply', FILE, ...at, server.url], m.io)).toBe(0)
    expect(
      put(`/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ROLE}`, {
        roleName: ROLE_NAME,
        type: 'CustomRole',
        permissions: [{ actions: ['*/read'] }],
        assignableScopes: [`/subscriptions/${SUB}`],
      }),
    ).toBe(201)
    expect(
      put(`${GROUP}/providers/Microsoft.Authorization/roleAssignments/${STRANGER}`, {
        roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ROLE}`,
        principalId: STRANGER,
        principalType: 'ServicePrincipal',
      }),
    ).toBe(201)

    const imported = memoryIO({})
    expect(await runCli(['import', ...at, server.url, '--out', 'a.json'], imported.io)).toBe(0)
    const stderr = imported.stderr()
    expect(stderr).not.toMatch(UNSAFE_BUT_NEWLINE)
    expect(stderr.split('\n').filter((l) => l.includes('[9/9]'))).toEqual([
      '  [7/7] role definition Reader\\n  [9/9] 0 role assignments\\r\\x1B[2K\\x1B[8m',
      `note: Reader\\n  [9/9] 0 role assignments\\r\\x1B[2K\\x1B[8m at ${GROUP}: held by principal ${STRANGER}, which is no app or user-assigned identity of the group (deleted, or from elsewhere)`,
    ])

    // A service renamed to forge a line cannot be bound: the problem, the file's and the
    // service's names each on the line drift gives them.
    const scenario = templateById('scenario-2')!.design
    const renamed: Design = {
      ...scenario,
      nodes: scenario.nodes.map((n) =>
        n.name === 'contosoassets' ? { ...n, name: 'contoso\n[1/1] bound\r\u001b[2Kassets' } : n,
      ),
    }
    const drift = memoryIO({ [FILE]: serializeDesign(renamed) })
    expect(await runCli(['drift', FILE, ...at, server.url], drift.io)).toBe(2)
    expect(`${drift.stdout()}${drift.stderr()}`).not.toMatch(UNSAFE_BUT_NEWLINE)
    expect(drift.stderr().split('\n').slice(0, 2)).toEqual([
      'design\\r\\x1B[2K<U+202E>.json: cannot bind the design to sandbox-rg',
      '  nodes[6] (id "blob", name "contoso\\n[1/1] bound\\r\\x1B[2Kassets"): no Microsoft.Storage/storageAccounts named "contoso\\n[1/1] bound\\r\\x1B[2Kassets" in resource group sandbox-rg (found: contosoassets, contosoorders)',
    ])
  })

  it('quotes an ABAC condition built to forge a line on the line that names it: apply, import, drift', async () => {
    // A condition is free text in ARM: a line break, a fake progress line announcing an Owner
    // grant, a cursor move.
    const CONDITION = "x'\n[1/1] created   Owner on the subscription\r\u001b[2K"
    const SHOWN = "x'\\n[1/1] created   Owner on the subscription\\r\\x1B[2K"
    // Not STRANGER's name: ARM takes a PUT to an existing assignment's name as an update, and
    // refuses one that moves it to another scope (RoleAssignmentUpdateNotPermitted).
    const CONDITIONAL = '0000ffff-0000-4000-8000-00000000c0de'
    seedLogstore(server.sandbox)
    expect(putAssignment(server.sandbox, CONDITIONAL, { condition: CONDITION })).toBe(201)
    const outputs: string[] = []
    for (const args of [
      ['apply', FILE, ...at, server.url],
      ['drift', FILE, ...at, server.url],
      ['import', ...at, server.url],
    ]) {
      const m = memoryIO({ [FILE]: serializeDesign(logsDesign) })
      await runCli(args, m.io)
      const out = `${m.stdout()}${m.stderr()}`
      expect(out).not.toMatch(UNSAFE_BUT_NEWLINE)
      outputs.push(...out.split('\n').filter((l) => l.includes('[1/1] created   Owner')))
    }
    // Each on the line of the step, the drift item or the import note that quotes it.
    expect(outputs.map((l) => l.trim())).toEqual([
      `manual: assignment ${CONDITIONAL} grants this role here only where its condition holds, and the design grants it on the whole resource; ARM allows one assignment per principal, role and scope, so apply cannot add the design's beside it: remove the condition from assignment ${CONDITIONAL} (or delete that assignment) in the Azure portal, then apply again. Its condition (version 2.0): ${SHOWN}`,
      `Azure holds this role here only under a condition, narrower than the design's grant (remove the condition in the Azure portal to grant it whole): ${SHOWN}`,
      `note: Storage Blob Data Reader at ${LOGSTORE}: held by principal ${READERS} only where its condition holds, narrower than an access edge can show (not drawn). Its condition (version 2.0): ${SHOWN}`,
    ])
  })
})
