import { describe, expect, it } from 'vitest'
import { runCli } from '@/cli/main.ts'
import { MAX_DESIGN_CHARS } from '@/model/limits.ts'
import { parseDesignText } from '@/model/parse.ts'
import { serializeDesign } from '@/model/serialize.ts'
import { optimizeIdentities } from '@/optimize/optimize.ts'
import { RULES } from '@/rules/registry.ts'
import { templateById } from '@/templates/index.ts'
import { design } from '../support/builder.ts'
import { sharedIdentityWithOwnNeed } from '../support/designs.ts'
import { memoryIO } from '../support/memory-io.ts'

const overgranted = sharedIdentityWithOwnNeed()
const files = {
  'over.json': serializeDesign(overgranted),
  'scenario-3.json': serializeDesign(templateById('scenario-3')!.design),
  'bad.json': '{"format": "identity-topology"}',
}

describe('idtopo rules', () => {
  it('lists every rule with its severity, subject and description, in contract order', async () => {
    const m = memoryIO()
    expect(await runCli(['rules'], m.io)).toBe(0)
    const lines = m.stdout().trimEnd().split('\n')
    expect(lines[0]).toMatch(/^RULE\s+SEVERITY\s+SUBJECT\s+DESCRIPTION$/)
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(RULES.map((r) => r.meta.id))
    expect(lines[1]).toMatch(/^missing-identity\s+error\s+access edge\s+An app accesses/)
  })

  it('prints JSON with --format json, and refuses other formats and arguments', async () => {
    const m = memoryIO()
    expect(await runCli(['rules', '--format', 'json'], m.io)).toBe(0)
    const json = JSON.parse(m.stdout())
    expect(json).toHaveLength(19)
    expect(json[18]).toEqual({
      id: 'role-assignment-limit',
      severity: 'warning',
      subject: 'design',
      description: expect.stringContaining('4,000'),
      fixes: false,
    })
    expect(await runCli(['rules', '--format', 'xml'], m.io)).toBe(2)
    expect(await runCli(['rules', 'extra'], m.io)).toBe(2)
  })
})

describe('idtopo explain', () => {
  it("prints a rule's page", async () => {
    const m = memoryIO()
    expect(await runCli(['explain', 'shared-identity-overgrant'], m.io)).toBe(0)
    expect(m.stdout()).toMatch(/^# shared-identity-overgrant\n/)
    expect(m.stdout()).toContain('## How to fix')
    expect(m.stdout()).toContain('https://learn.microsoft.com/')
  })

  it('exits 2 on an unknown rule, suggesting the closest ids', async () => {
    const m = memoryIO()
    expect(await runCli(['explain', 'unused-identiy'], m.io)).toBe(2)
    expect(m.stdout()).toBe('')
    expect(m.stderr()).toContain('unknown rule "unused-identity"'.replace('identity"', 'identiy"'))
    expect(m.stderr()).toContain('did you mean unused-identity?')
    expect(await runCli(['explain'], m.io)).toBe(2)
    expect(m.stderr()).toContain('missing RULE')
    expect(await runCli(['explain', 'zzzzzzzzzzzzzzzz'], m.io)).toBe(2)
    expect(m.stderr()).toContain('Run idtopo rules for the list.')
  })
})

describe('idtopo optimize', () => {
  it('writes the optimized design to stdout and the summary to stderr', async () => {
    const m = memoryIO(files)
    expect(await runCli(['optimize', 'over.json'], m.io)).toBe(0)
    expect(m.stdout()).toBe(serializeDesign(optimizeIdentities(overgranted).design))
    const parsed = parseDesignText(m.stdout())
    expect(parsed.ok).toBe(true)
    expect(m.stderr()).toBe(
      [
        'over.json: optimized identities',
        '  identities kept (1)        mi (mi-shared)',
        '  system-assigned on         api',
        '  Azure role assignments     2 → 2',
        '',
      ].join('\n'),
    )
  })

  it('names the edges whose repeated roles it dropped', async () => {
    const repeats = design()
      .app('api', { systemAssigned: true, position: { x: 0, y: 0 } })
      .identity('mi', { name: 'mi-api' })
      .attach('api', 'mi')
      .service('st', 'storage', { name: 'st1' })
      .access('api', 'st', ['Storage Blob Data Reader'], { id: 'e1', via: 'mi' })
      .access('api', 'st', ['Storage Blob Data Reader'], { id: 'e2', via: 'system' })
      .build()
    const m = memoryIO({ 'repeats.json': serializeDesign(repeats) })
    expect(await runCli(['optimize', 'repeats.json'], m.io)).toBe(0)
    expect(m.stderr()).toBe(
      [
        'repeats.json: optimized identities',
        '  identities removed (1)     mi (mi-api)',
        '  repeated roles dropped     e2',
        '  Azure role assignments     2 → 1',
        '',
      ].join('\n'),
    )
  })

  it('warns when the optimized design is too large to open again, and still writes it', async () => {
    // A design just under the size cap (an unknown field pads it), which optimizing makes larger.
    const growth =
      serializeDesign(optimizeIdentities(overgranted).design).length -
      serializeDesign(overgranted).length
    expect(growth).toBeGreaterThan(2)
    const base = serializeDesign({ ...overgranted, extras: { pad: '' } }).length
    const padded = {
      ...overgranted,
      extras: { pad: 'x'.repeat(MAX_DESIGN_CHARS - base - Math.floor(growth / 2)) },
    }
    const m = memoryIO({ 'big.json': serializeDesign(padded) })
    expect(await runCli(['optimize', 'big.json', '--out', 'out.json'], m.io)).toBe(0)
    expect(m.written['out.json']).toBe(serializeDesign(optimizeIdentities(padded).design))
    expect(m.stderr().split('\n')).toContain(
      'warning: the design is 8.0 MB, above the 8 MB a design may be: neither the designer nor idtopo will open the file. Split it into smaller designs.',
    )
  })

  it('writes to --out, says when nothing changes, and exits 2 on invalid input', async () => {
    const m = memoryIO(files)
    expect(await runCli(['optimize', 'scenario-3.json', '--out', 'out.json'], m.io)).toBe(0)
    expect(m.stdout()).toBe('')
    expect(m.written['out.json']).toBe(files['scenario-3.json'])
    expect(m.stderr()).toContain(
      'scenario-3.json: already optimal (7 Azure role assignments); nothing changed',
    )
    expect(await runCli(['optimize', 'bad.json'], m.io)).toBe(2)
    expect(await runCli(['optimize', 'scenario-3.json', '--out', '/readonly/x.json'], m.io)).toBe(2)
    expect(await runCli(['optimize'], m.io)).toBe(2)
  })
})
