// What the exported Azure CLI script prints when it runs: names from the design and values az
// returns reach the terminal with their controls shown (`\x1B`, `\r`, `<U+202E>`), never obeyed.
// Text written into the script ahead of time is escaped by the encoders; these are the values
// only known at run time (a scope built from the group's id, a principal id az printed).
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDesign } from '@/export/export.ts'
import { UNSAFE_BUT_NEWLINE } from '@/lib/encode/chars.ts'
import { design } from '../support/builder.ts'
import { FAKE_GROUP, FAKE_SUBSCRIPTION } from '../support/fake-az.ts'
import { runExportedScript } from './read-exports.ts'

/** ANSI colour, OSC title (ended by BEL), clear screen, CR, LF, a C1 CSI, RLO, DEL. */
const HOSTILE = '\u001b[31mRED\u001b]0;pwn\u0007\u001b[2J\r\n\u009b1m\u202ex\u007f'
/** How the script shows HOSTILE. */
const SHOWN = '\\x1B[31mRED\\x1B]0;pwn\\x07\\x1B[2J\\r\\n\\x9B1m<U+202E>x\\x7F'

/** Anything a terminal would obey: every control but the line feed, bidi controls, separators. */
const RAW_CONTROL = UNSAFE_BUT_NEWLINE

const hostileDesign = () =>
  design()
    .app('api', { name: 'api', hosting: 'virtualMachine', systemAssigned: true })
    .identity('mi', { name: 'mi-orders' })
    .attach('api', 'mi')
    .service('st', 'storage', { name: `st${HOSTILE}` })
    .service('cosmos', 'cosmosDb', { name: `cosmos${HOSTILE}` })
    .access('api', 'st', ['Storage Blob Data Reader'], { via: 'mi' })
    .access('api', 'cosmos', ['Cosmos DB Built-in Data Reader'], { via: 'system' })
    .build()

/**
 * A fake az that finds every assignment in place and answers each read (`--query`) with a hostile
 * value; writes (`--output none`) print nothing, as az's do.
 */
const ANSWERS_HOSTILE = `#!/usr/bin/env bash
case "$*" in
  *"length(@)"*) echo 1 ;;
  *--query*) printf 'value-%s\\n' "$(printf '\\033]0;az\\007\\033[2J\\r\\302\\233')" ;;
esac
`

function runWithHostileAz(script: string): { status: number | null; stdout: string } {
  const dir = mkdtempSync(join(tmpdir(), 'idtopo-say-'))
  mkdirSync(join(dir, 'bin'))
  writeFileSync(join(dir, 'bin', 'az'), ANSWERS_HOSTILE)
  chmodSync(join(dir, 'bin', 'az'), 0o755)
  writeFileSync(join(dir, 'identity.sh'), script)
  const run = spawnSync('bash', ['identity.sh'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 30_000,
    env: {
      PATH: `${join(dir, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      HOME: dir,
      LANG: 'C.UTF-8',
      SUBSCRIPTION_ID: FAKE_SUBSCRIPTION,
      RESOURCE_GROUP: FAKE_GROUP,
    },
  })
  return { status: run.status, stdout: run.stdout }
}

describe('the Azure CLI script, run', () => {
  it("shows a hostile name's controls in what it prints, never sends them", () => {
    const { run } = runExportedScript(exportDesign(hostileDesign(), 'cli'))
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).not.toMatch(RAW_CONTROL)
    const lines = run.stdout.trimEnd().split('\n')
    // One line per step: a name's line break does not start another.
    expect(lines.filter((l) => l.startsWith('created: '))).toEqual([
      expect.stringMatching(new RegExp(`/storageAccounts/st${escape(SHOWN)}$`)),
      expect.stringMatching(new RegExp(` on cosmos${escape(SHOWN)}$`)),
    ])
    expect(lines.at(-1)).toBe('Done: identity layer of this design is in place.')
  }, 30_000)

  it('shows the controls of values az returns, on the "unchanged" lines too', () => {
    const run = runWithHostileAz(exportDesign(hostileDesign(), 'cli'))
    expect(run.status).toBe(0)
    expect(run.stdout).not.toMatch(RAW_CONTROL)
    const az = 'value-\\x1B]0;az\\x07\\x1B[2J\\r\\x9B'
    const unchanged = run.stdout.split('\n').filter((l) => l.startsWith('unchanged: '))
    expect(unchanged).toHaveLength(2)
    for (const line of unchanged) expect(line).toContain(` for ${az} on `)
    // The settings an app must be given by hand name the client id az returned, shown too.
    expect(run.stdout).toContain(`MANAGED_IDENTITY_CLIENT_ID_STORAGE=${az}`)
  }, 30_000)

  it('prints plain text, non-ASCII letters and emoji as they are', () => {
    const d = design()
      .app('api', { systemAssigned: true })
      .service('st', 'storage', { name: 'stockage-été-🚀' })
      .access('api', 'st', ['Storage Blob Data Reader'], { via: 'system' })
      .build()
    const { run } = runExportedScript(exportDesign(d, 'cli'))
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^created: .*\/storageAccounts\/stockage-été-🚀$/m)
  }, 30_000)

  it('says where it applies before the first change, and names each exported value the environment replaced', () => {
    const d = design()
      .app('api', { systemAssigned: true })
      .identity('mi', { name: 'mi-orders' })
      .attach('api', 'mi')
      .service('st', 'storage', { name: 'st1' })
      .access('api', 'st', ['Storage Blob Data Reader'], { via: 'mi' })
      .build()
    const group = `rg${HOSTILE}`
    const script = exportDesign(d, 'cli', {
      context: { subscriptionId: FAKE_SUBSCRIPTION, resourceGroup: group, location: 'westeurope' },
    })
    const head = (stdout: string) => stdout.split('\n').slice(0, 2)
    // RESOURCE_GROUP set in the environment (as runScript does) replaces the exported group.
    const replaced = runExportedScript(script).run
    expect(replaced.status).toBe(0)
    expect(head(replaced.stdout)).toEqual([
      `Applying to subscription ${FAKE_SUBSCRIPTION}, resource group ${FAKE_GROUP}, location westeurope`,
      `  RESOURCE_GROUP comes from the environment: the script was exported for rg${SHOWN}`,
    ])
    expect(replaced.stdout).not.toMatch(RAW_CONTROL)
    // The exported values, from the environment or not, are not worth a line.
    const exported = runExportedScript(script, { RESOURCE_GROUP: group, LOCATION: '' }).run
    expect(exported.status).toBe(0)
    expect(head(exported.stdout)).toEqual([
      `Applying to subscription ${FAKE_SUBSCRIPTION}, resource group rg${SHOWN}, location westeurope`,
      expect.stringMatching(/^created: /),
    ])
  }, 30_000)
})

/** `text` matched literally in a RegExp. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
