import { describe, expect, it } from 'vitest'
import { runCli } from '@/cli/main.ts'
import { serializeDesign } from '@/model/serialize.ts'
import { RULES } from '@/rules/registry.ts'
import { design } from '../support/builder.ts'
import { memoryIO } from '../support/memory-io.ts'

const d = design()
  .named('Sarif sample')
  .app('api')
  .developer('alice', 'user')
  .service('blob', 'storage')
  .access('api', 'blob', ['Owner'], { id: 'e1' })
  .access('alice', 'blob', ['Storage Blob Data Reader'], { id: 'e2' })
  .service('kv', 'keyVault')
  .access('api', 'kv', ['Key Vault Secrets User'], { id: 'e3' })
  .build()
const text = serializeDesign(d)

describe('idtopo check --format sarif', () => {
  it('prints SARIF 2.1.0: rules with ids, descriptions and help links; one result per finding', async () => {
    const m = memoryIO({ 'designs/app.topology.json': text })
    const code = await runCli(['check', 'designs/app.topology.json', '--format', 'sarif'], m.io)
    expect(code).toBe(1)
    const sarif = JSON.parse(m.stdout())
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.$schema).toContain('sarif-2.1.0')
    const [run] = sarif.runs
    expect(run.tool.driver.name).toBe('idtopo')
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(
      RULES.map((r) => r.meta.id),
    )
    for (const r of run.tool.driver.rules) {
      expect(r.shortDescription.text.length).toBeGreaterThan(10)
      expect(r.helpUri).toMatch(/^https:\/\/learn\.microsoft\.com\//)
    }
    // A path inside the working directory: relative to it, as GitHub reads it from the repository root.
    expect(run.artifacts).toEqual([
      { location: { uri: 'designs/app.topology.json', uriBaseId: '%SRCROOT%' } },
    ])

    const results = run.results as {
      ruleId: string
      ruleIndex: number
      level: string
      message: { text: string }
      locations: {
        physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } }
        logicalLocations: { name: string; kind: string }[]
      }[]
    }[]
    expect(
      results.map((r) => [r.ruleId, r.level, r.locations[0]?.logicalLocations[0]?.name]),
    ).toEqual([
      ['missing-identity', 'error', 'e1'],
      ['missing-identity', 'error', 'e3'],
      ['privileged-role', 'error', 'e1'],
      ['developer-access-missing', 'note', 'kv'],
    ])
    const [first] = results
    expect(run.tool.driver.rules[first!.ruleIndex].id).toBe(first!.ruleId)
    expect(first!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      'designs/app.topology.json',
    )
    expect(first!.locations[0]!.logicalLocations[0]!.kind).toBe('access edge')
    const line = text.split('\n').findIndex((l) => l.includes('"id": "e1"')) + 1
    expect(first!.locations[0]!.physicalLocation.region).toEqual({ startLine: line })
  })

  it('names the design for a finding about the whole design, at the first line of the file', async () => {
    const { findingsSarif } = await import('@/cli/sarif.ts')
    const sarif = findingsSarif('x.json', d, [
      { rule: 'role-assignment-limit', severity: 'warning', subject: null, message: 'many' },
    ]) as {
      runs: {
        results: { locations: { logicalLocations: unknown[]; physicalLocation: unknown }[] }[]
      }[]
    }
    const [location] = sarif.runs[0]!.results[0]!.locations
    expect(location!.logicalLocations).toEqual([{ name: 'Sarif sample', kind: 'module' }])
    expect(location!.physicalLocation).toEqual({
      artifactLocation: { uri: 'x.json', uriBaseId: '%SRCROOT%', index: 0 },
      region: { startLine: 1 },
    })
  })
})
