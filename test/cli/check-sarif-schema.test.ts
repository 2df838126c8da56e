import { readFileSync } from 'node:fs'
import Ajv from 'ajv-draft-04'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { runCli } from '@/cli/main.ts'
import { findingsSarif, type SarifPlace } from '@/cli/sarif.ts'
import { serializeDesign } from '@/model/serialize.ts'
import type { Design } from '@/model/types.ts'
import { checkDesign } from '@/rules/engine.ts'
import type { Finding } from '@/rules/types.ts'
import { design } from '../support/builder.ts'
import { memoryIO } from '../support/memory-io.ts'

/**
 * The official OASIS SARIF 2.1.0 schema, byte for byte: github.com/oasis-tcs/sarif-spec,
 * sarif-2.1/schema/sarif-schema-2.1.0.json at commit e0583813964ec43cea53b6b531b402866095ed1f
 * (blob 0f58372b548f60c84d20fca77687435e71b3b3a3). It is draft-04, hence Ajv's draft-04 class;
 * ajv-formats checks its `uri` and `uri-reference` formats (RFC 3986) instead of ignoring them.
 * strictRequired is off only because the schema itself names properties in `anyOf` branches.
 */
const SCHEMA: unknown = JSON.parse(
  readFileSync(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
)
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false })
addFormats(ajv)
const validateSarif = ajv.compile(SCHEMA as object)

function expectValidSarif(sarif: unknown): void {
  const valid = validateSarif(sarif)
  expect(valid ? [] : ajv.errorsText(validateSarif.errors).split(', ')).toEqual([])
}

interface Location {
  id?: number
  physicalLocation?: {
    artifactLocation: { uri: string; uriBaseId?: string; index: number }
    region?: { startLine: number }
  }
  logicalLocations: { name: string; fullyQualifiedName?: string; kind: string }[]
}
interface Sarif {
  runs: {
    tool: {
      driver: {
        rules: {
          id: string
          name: string
          shortDescription: { text: string }
          fullDescription: { text: string }
          help: { text: string }
        }[]
      }
    }
    originalUriBaseIds?: Record<string, unknown>
    artifacts: { location: { uri: string; uriBaseId?: string } }[]
    results: {
      ruleId: string
      message: { text: string }
      locations: Location[]
      relatedLocations?: Location[]
    }[]
  }[]
}

const POSIX: SarifPlace = { cwd: '/work/repo', windows: false }
const WINDOWS: SarifPlace = { cwd: 'C:\\work', windows: true }

const HOSTILE_NAME = 'Team "A" [x](https://example.com) {0} `$(rm -rf ~)` \\ #?% \n\u202e é 😀'
const hostile = design()
  .named(HOSTILE_NAME)
  .app('api', { name: `${HOSTILE_NAME} api` })
  .app('web', { name: '<script>alert(1)</script>' })
  .developer('alice', 'user', { name: '*bold* _it_ # head' })
  .developer('bob', 'user', { name: 'line\r\nbreak' })
  .service('blob', 'storage', { name: 'C:\\work\\d.json' })
  .access('api', 'blob', ['Owner', '[evil](https://example.com) {1}'], { id: 'e1' })
  .access('web', 'blob', ['Owner'], { id: 'e2' })
  .access('alice', 'blob', ['Storage Blob Data Reader'], { id: 'e3' })
  .access('bob', 'blob', ['Storage Blob Data Reader'], { id: 'e4' })
  .build()
const hostileText = serializeDesign(hostile)

const DESIGN_FINDING: Finding = {
  rule: 'role-assignment-limit',
  severity: 'warning',
  subject: null,
  message: 'whole design',
}

function sarifOf(
  file: string,
  place: SarifPlace,
  d: Design = hostile,
  findings: readonly Finding[] = [...checkDesign(hostile), DESIGN_FINDING],
  text: string | undefined = hostileText,
): Sarif {
  // Through JSON, as a pipeline reads it.
  return JSON.parse(JSON.stringify(findingsSarif(file, d, findings, text, { place }))) as Sarif
}

/** Every artifactLocation in the log, run artifacts and result locations, related ones too. */
function artifactLocations(sarif: Sarif): { uri: string; uriBaseId?: string }[] {
  const [run] = sarif.runs
  return [
    ...run!.artifacts.map((a) => a.location),
    ...run!.results.flatMap((r) =>
      [...r.locations, ...(r.relatedLocations ?? [])].map((l) => {
        const { index: _index, ...location } = l.physicalLocation!.artifactLocation
        return location
      }),
    ),
  ]
}

/** Each path shape a user may type, and the artifact URI it must become. */
const POSIX_PATHS: readonly (readonly [string, string, 'relative' | 'absolute'])[] = [
  ['designs/app.topology.json', 'designs/app.topology.json', 'relative'],
  ['./designs//my design.json', 'designs/my%20design.json', 'relative'],
  ['d#1?x=2.json', 'd%231%3Fx%3D2.json', 'relative'],
  ['100%.json', '100%25.json', 'relative'],
  [`"q" 'x' $(rm -rf).json`, `%22q%22%20'x'%20%24(rm%20-rf).json`, 'relative'],
  ['new\nline.json', 'new%0Aline.json', 'relative'],
  ['café/ü 😀.json', 'caf%C3%A9/%C3%BC%20%F0%9F%98%80.json', 'relative'],
  ['lone\ud800.json', 'lone%EF%BF%BD.json', 'relative'],
  // On POSIX a backslash is part of a file name, and `C:` is no drive: one odd relative name.
  ['back\\slash.json', 'back%5Cslash.json', 'relative'],
  ['C:\\work\\d.json', 'C%3A%5Cwork%5Cd.json', 'relative'],
  ['/work/repo/designs/d.json', 'designs/d.json', 'relative'],
  ['/etc/idtopo/d.json', 'file:///etc/idtopo/d.json', 'absolute'],
  ['/tmp/a b/#x%.json', 'file:///tmp/a%20b/%23x%25.json', 'absolute'],
  ['../other/d.json', 'file:///work/other/d.json', 'absolute'],
  ['sub/../../d.json', 'file:///work/d.json', 'absolute'],
  ['/work/repository/d.json', 'file:///work/repository/d.json', 'absolute'],
]
const WINDOWS_PATHS: readonly (readonly [string, string, 'relative' | 'absolute'])[] = [
  ['C:\\work\\d.json', 'd.json', 'relative'],
  ['c:\\WORK\\sub dir\\d.json', 'sub%20dir/d.json', 'relative'],
  ['designs/d.json', 'designs/d.json', 'relative'],
  ['D:\\x y\\#1.json', 'file:///D:/x%20y/%231.json', 'absolute'],
  ['..\\d.json', 'file:///C:/d.json', 'absolute'],
  ['\\\\server\\share\\d.json', 'file://server/share/d.json', 'absolute'],
]

describe('idtopo check --format sarif against the OASIS SARIF 2.1.0 schema', () => {
  it('the schema check itself refuses what it must: a bad URI, a missing field', () => {
    const sarif = sarifOf('d.json', POSIX) as unknown as {
      runs: { artifacts: { location: { uri: string } }[]; tool?: unknown }[]
    }
    expectValidSarif(sarif)
    sarif.runs[0]!.artifacts[0]!.location.uri = 'my design.json'
    expect(validateSarif(sarif)).toBe(false)
    sarif.runs[0]!.artifacts[0]!.location.uri = 'd.json'
    delete sarif.runs[0]!.tool
    expect(validateSarif(sarif)).toBe(false)
  })

  it('is valid for hostile names, roles and messages, at every path shape', () => {
    for (const [place, paths] of [
      [POSIX, POSIX_PATHS],
      [WINDOWS, WINDOWS_PATHS],
    ] as const)
      for (const [file] of paths) expectValidSarif(sarifOf(file, place))
    expectValidSarif(sarifOf('-', POSIX))
  })

  it('is valid from the command line with a hostile file name', async () => {
    const file = 'designs/my "design" #1 100% é.topology.json'
    const m = memoryIO({ [file]: hostileText })
    expect(await runCli(['check', file, '--format', 'sarif'], m.io)).toBe(1)
    const sarif = JSON.parse(m.stdout()) as Sarif
    expectValidSarif(sarif)
    expect(sarif.runs[0]!.artifacts[0]!.location).toEqual({
      uri: 'designs/my%20%22design%22%20%231%20100%25%20%C3%A9.topology.json',
      uriBaseId: '%SRCROOT%',
    })
  })
})

describe('idtopo check --format sarif: the design file as a URI', () => {
  const cases = [
    ...POSIX_PATHS.map((c) => ['POSIX', ...c, POSIX] as const),
    ...WINDOWS_PATHS.map((c) => ['Windows', ...c, WINDOWS] as const),
  ]
  it.each(cases)('%s %j is %j', (_host, file, uri, kind, place) => {
    const expected = kind === 'relative' ? { uri, uriBaseId: '%SRCROOT%' } : { uri }
    for (const location of artifactLocations(sarifOf(file, place)))
      expect(location).toEqual(expected)
  })

  it('describes %SRCROOT% without naming the folder, only when a path is relative to it', () => {
    const relative = sarifOf('d.json', POSIX).runs[0]!
    expect(relative.originalUriBaseIds).toEqual({
      '%SRCROOT%': { description: { text: 'The working directory idtopo ran in.' } },
    })
    expect(JSON.stringify(relative)).not.toContain('/work/repo')
    expect(sarifOf('/etc/d.json', POSIX).runs[0]!.originalUriBaseIds).toBeUndefined()
  })

  it('keeps standard input as `-`, still a physical location (GitHub refuses results without)', () => {
    const sarif = sarifOf('-', POSIX)
    for (const location of artifactLocations(sarif)) expect(location).toEqual({ uri: '-' })
    expect(sarif.runs[0]!.originalUriBaseIds).toBeUndefined()
  })
})

describe('idtopo check --format sarif: user text and GitHub code scanning', () => {
  it('carries names as they are, and messages as SARIF plain text that no name can make a link or placeholder in', () => {
    const findings = [...checkDesign(hostile), DESIGN_FINDING]
    const [run] = sarifOf('d.json', POSIX, hostile, findings).runs
    const texts = run!.results.map((r) => r.message.text)
    // What a viewer shows after unescaping (github/vscode-codeql unescapeSarifText, §3.11.5).
    const shown = texts.map((t) =>
      t
        .replace(/\\([\\[\]])/g, '$1')
        .replace(/\{\{/g, '{')
        .replace(/\}\}/g, '}'),
    )
    expect(shown).toEqual(findings.map((f) => f.message))
    const evil = texts.find((t) => t.includes('evil'))
    expect(evil).toBe(
      String.raw`"\[evil\](https://example.com) {{1}}" is not a built-in role name (names are case-sensitive) nor a role definition GUID, so nothing would be granted on "C:\\\\work\\\\d.json".`,
    )
    for (const t of texts) {
      expect(t).not.toMatch(/(^|[^\\])\[[^\]]*\]\(/)
      expect(t.replace(/\{\{|\}\}/g, '')).not.toMatch(/[{}]/)
    }
    const whole = run!.results.at(-1)!
    expect(whole.locations[0]!.logicalLocations).toEqual([{ name: HOSTILE_NAME, kind: 'module' }])
    const e1 = run!.results.find((r) => r.locations[0]!.logicalLocations[0]!.name === 'e1')!
    expect(e1.locations[0]!.logicalLocations[0]!.fullyQualifiedName).toBe(`${HOSTILE_NAME}/e1`)
    expect(run).not.toHaveProperty('results.0.message.markdown')
  })

  it('meets GitHub ingestion: a physical location with a URI everywhere, limits on rules', () => {
    const [run] = sarifOf('d.json', POSIX).runs
    const rules = run!.tool.driver.rules
    expect(rules.length).toBeLessThanOrEqual(25_000)
    for (const rule of rules) {
      expect(rule.name.length).toBeLessThanOrEqual(255)
      for (const text of [rule.shortDescription.text, rule.fullDescription.text]) {
        expect(text.length).toBeGreaterThan(0)
        expect(text.length).toBeLessThanOrEqual(1024)
      }
      expect(rule.help.text.length).toBeGreaterThan(0)
    }
    const related = run!.results.flatMap((r) => r.relatedLocations ?? [])
    expect(related.length).toBeGreaterThan(0)
    for (const result of run!.results) {
      expect(result.locations).toHaveLength(1)
      for (const location of [...result.locations, ...(result.relatedLocations ?? [])])
        expect(location.physicalLocation!.artifactLocation.uri).toBe('d.json')
    }
  })
})

describe('idtopo check --format sarif: the line of a node or an edge', () => {
  const IDS = [
    'a.b',
    'a+b*(c)?',
    'x"y',
    'back\\slash',
    '$(id)',
    'ü-ñ',
    'line\nbreak',
    '[e1]',
    'e10',
    'e1',
    '\u202e',
    '😀',
  ]

  /** Every code unit as `\uXXXX`: a valid JSON spelling no serializer writes. */
  const escapedAll = (id: string) =>
    `"${[...Array(id.length).keys()].map((i) => `\\u${id.charCodeAt(i).toString(16).padStart(4, '0')}`).join('')}"`

  it('finds ids with regex and JSON special characters, in any JSON spelling', () => {
    const d: Design = {
      name: '"id": "e1"',
      nodes: IDS.map((id) => ({ id, kind: 'identity', name: `"id": "${id}"` })),
      edges: [],
    }
    // One node a line from line 4, every other one spelled with \u escapes; an unknown field on
    // the first line holds an "id" of its own, and the design's name quotes one.
    const lines = IDS.map((id, i) => {
      const node = JSON.stringify({ id, kind: 'identity', name: `"id": "${id}"` })
      const spelled = i % 2 === 0 ? node : node.replace(JSON.stringify(id), escapedAll(id))
      return `    ${i === 0 ? spelled.replace('{', '{"extra": {"id": "e1"}, ') : spelled}`
    })
    const text = `{\n  "name": ${JSON.stringify(d.name)},\n  "nodes": [\n${lines.join(',\n')}\n  ],\n  "edges": []\n}\n`
    expect(JSON.parse(text)).toEqual({
      ...d,
      nodes: [{ extra: { id: 'e1' }, ...d.nodes[0]! }, ...d.nodes.slice(1)],
    })
    const findings: Finding[] = IDS.map((id) => ({
      rule: 'unused-identity',
      severity: 'warning',
      subject: id,
      message: 'unused',
      related: [id],
    }))
    const [run] = sarifOf('d.json', POSIX, d, findings, text).runs
    const regions = run!.results.map((r) => [
      r.locations[0]!.physicalLocation!.region,
      r.relatedLocations![0]!.physicalLocation!.region,
    ])
    expect(regions).toEqual(IDS.map((_, i) => [{ startLine: 4 + i }, { startLine: 4 + i }]))
  })

  it('points at the line from the command line, for an id written with escapes', async () => {
    const text = serializeDesign(hostile)
      .replace('"id": "e1"', '"id": "\\u0065\\u0031"')
      .replace('"name": "Team', '"notes": { "id": "e1" },\n  "name": "Team')
    const m = memoryIO({ 'd.json': text })
    await runCli(['check', 'd.json', '--format', 'sarif'], m.io)
    const [run] = (JSON.parse(m.stdout()) as Sarif).runs
    const e1 = run!.results.find((r) => r.locations[0]!.logicalLocations[0]!.name === 'e1')!
    const line = text.split('\n').findIndex((l) => l.includes('"id": "\\u0065\\u0031"')) + 1
    expect(line).toBeGreaterThan(1)
    expect(e1.locations[0]!.physicalLocation!.region).toEqual({ startLine: line })
  })
})
