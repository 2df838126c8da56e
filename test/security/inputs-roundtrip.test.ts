import { describe, expect, it } from 'vitest'
import { MAX_DESIGN_CHARS, MAX_DESIGN_DEPTH } from '@/model/limits.ts'
import { parseDesignText } from '@/model/parse.ts'
import { formatProblem } from '@/model/problems.ts'
import { serializeDesign } from '@/model/serialize.ts'

const SPECIAL_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']

/** JSON text with the given extra fields on the document, a node, an edge and a binding. */
function withExtras(extra: string): string {
  return `{"format":"identity-topology","version":1,"name":"x",${extra},
    "nodes":[{"id":"api","kind":"app","name":"api","hosting":"appService",${extra},
              "azure":{"principalId":"00000000-0000-4000-8000-000000000001",${extra}}},
             {"id":"st","kind":"service","name":"st","service":"storage"}],
    "edges":[{"id":"e","kind":"access","source":"api","target":"st","roles":["AcrPull"],${extra}}]}`
}

const ownKeys = (o: object): string[] => Object.keys(o)

describe('unknown fields survive a load and save, whatever their names', () => {
  it('keeps __proto__, constructor, toString, hasOwnProperty and valueOf as fields', () => {
    const extra = SPECIAL_KEYS.map((k, i) => `"${k}":{"n":${i}}`).join(',')
    const first = parseDesignText(withExtras(extra))
    if (!first.ok) throw new Error(first.error.map(formatProblem).join('\n'))
    const text = serializeDesign(first.value)
    const saved = JSON.parse(text) as Record<
      string,
      Record<string, unknown>[] & Record<string, unknown>
    >
    const node = saved.nodes![0] as Record<string, unknown>
    const edge = saved.edges![0] as Record<string, unknown>
    for (const [where, o] of [
      ['document', saved],
      ['node', node],
      ['edge', edge],
      ['binding', node.azure as object],
    ] as const) {
      expect(ownKeys(o), where).toEqual(expect.arrayContaining(SPECIAL_KEYS))
      SPECIAL_KEYS.forEach((k, i) =>
        expect(Object.getOwnPropertyDescriptor(o, k)?.value, `${where}.${k}`).toEqual({ n: i }),
      )
    }
    // Nothing leaked into a prototype, and a second round trip is byte-identical.
    expect(Object.getPrototypeOf(first.value.nodes[0]!.extras)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).n).toBeUndefined()
    const second = parseDesignText(text)
    expect(second.ok && serializeDesign(second.value)).toBe(text)
  })
})

describe('bounded nesting and size', () => {
  const nested = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)

  it('refuses extras nested 10,000 deep at load, with the path where the limit is passed', () => {
    const r = parseDesignText(withExtras(`"deep":${nested(10_000)}`))
    const found = r.ok ? [] : r.error.map(formatProblem)
    expect(found).toEqual([
      `deep${'.a'.repeat(MAX_DESIGN_DEPTH - 1)}: nested deeper than ${MAX_DESIGN_DEPTH} levels; a design's fields may nest at most ${MAX_DESIGN_DEPTH} levels`,
    ])
  })

  it('loads and saves extras nested just under the limit', () => {
    // the node's extra sits at depth 3 (document → nodes → node)
    const r = parseDesignText(withExtras(`"deep":${nested(MAX_DESIGN_DEPTH - 4)}`))
    if (!r.ok) throw new Error(r.error.map(formatProblem).join('\n'))
    expect(() => serializeDesign(r.value)).not.toThrow()
  })

  it('refuses a design text above the size cap before parsing it', () => {
    const text = withExtras('"pad":1')
    const r = parseDesignText(text + ' '.repeat(MAX_DESIGN_CHARS + 1024 * 1024 - text.length))
    expect(r.ok ? [] : r.error.map(formatProblem)).toEqual([
      '(document): the design is 9 MB; designs are limited to 8 MB',
    ])
    const justUnder = parseDesignText(text + ' '.repeat(MAX_DESIGN_CHARS - text.length))
    expect(justUnder.ok).toBe(true)
  })
})
