import { describe, expect, it } from 'vitest'
import { parseDesignText } from '@/model/parse.ts'
import { serializeDesign } from '@/model/serialize.ts'
import { TEMPLATES } from '@/templates/index.ts'

const withUnknownFields = JSON.stringify({
  format: 'identity-topology',
  version: 1,
  name: 'Forward compatible',
  owner: { team: 'platform', tags: ['a', 'b'] },
  nodes: [
    {
      id: 'api',
      kind: 'app',
      name: 'api',
      hosting: 'containerApp',
      replicas: 3,
      azure: { resourceId: '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers/Microsoft.App/containerApps/api', etag: 'W/1' },
    },
    { id: 'st', kind: 'service', name: 'st', service: 'storage', color: '#fff', position: { x: 1.5, y: -2 } },
  ],
  edges: [{ id: 'e', kind: 'access', source: 'api', target: 'st', roles: ['AcrPull'], note: 'why', via: 'x' }],
  layout: 'manual',
})

describe('parse → serialize → parse', () => {
  it('reads a file that starts with a byte order mark (as Windows editors save), and only there', () => {
    const text = serializeDesign(TEMPLATES[1]!.design)
    const withBom = parseDesignText(`\uFEFF${text}`)
    expect(withBom).toEqual(parseDesignText(text))
    expect(withBom.ok).toBe(true)
    expect(parseDesignText(`${text}\uFEFF`).ok).toBe(false)
  })

  it('keeps unknown top-level, node, edge and binding fields', () => {
    const first = parseDesignText(withUnknownFields)
    if (!first.ok) throw new Error(first.error[0]?.message)
    const text = serializeDesign(first.value)
    const saved = JSON.parse(text)
    expect(saved.owner).toEqual({ team: 'platform', tags: ['a', 'b'] })
    expect(saved.layout).toBe('manual')
    expect(saved.nodes[0].replicas).toBe(3)
    expect(saved.nodes[0].azure.etag).toBe('W/1')
    expect(saved.nodes[1].color).toBe('#fff')
    expect(saved.edges[0].note).toBe('why')
    const second = parseDesignText(text)
    expect(second).toEqual(first)
  })

  it.each(TEMPLATES.map((t) => [t.id, t.design] as const))('is identical for the %s template', (_id, design) => {
    const text = serializeDesign(design)
    const again = parseDesignText(text)
    expect(again.ok && again.value).toEqual(design)
    expect(again.ok && serializeDesign(again.value)).toBe(text)
  })

  it('writes known fields in the format order with unknown fields after them', () => {
    const first = parseDesignText(withUnknownFields)
    if (!first.ok) throw new Error('invalid')
    const saved = JSON.parse(serializeDesign(first.value))
    expect(Object.keys(saved)).toEqual(['format', 'version', 'name', 'nodes', 'edges', 'owner', 'layout'])
    expect(Object.keys(saved.nodes[0])).toEqual(['id', 'kind', 'name', 'hosting', 'azure', 'replicas'])
  })
})
