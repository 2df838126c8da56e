import { describe, expect, it } from 'vitest'
import { parseDesign } from '@/model/parse.ts'
import { checkDesign } from '@/rules/engine.ts'

/**
 * PRODUCT.md §4: "`via` is not structural: rules check it", and an unknown role is a semantic
 * problem that loads fine. Only the JSON types of `via` and of each role are the format's: an
 * empty text is a string naming no identity, no role.
 */
const doc = (edge: Record<string, unknown>) => ({
  format: 'identity-topology',
  version: 1,
  name: 'Empty texts',
  nodes: [
    { id: 'api', kind: 'app', name: 'receipts-api', hosting: 'appService', systemAssigned: true },
    { id: 'receipts', kind: 'service', name: 'receiptstore', service: 'storage' },
  ],
  edges: [{ id: 'e1', kind: 'access', source: 'api', target: 'receipts', ...edge }],
})

function findings(edge: Record<string, unknown>): [string, string | null][] {
  const parsed = parseDesign(doc(edge))
  if (!parsed.ok) throw new Error(parsed.error.map((p) => `${p.path}: ${p.message}`).join('\n'))
  return checkDesign(parsed.value).map((f) => [f.rule, f.subject])
}

describe('via and role texts are for the rules to judge, not the parser', () => {
  it('loads an empty via, which identity-not-on-app reports', () => {
    expect(findings({ via: '', roles: ['Storage Blob Data Reader'] })).toContainEqual([
      'identity-not-on-app',
      'e1',
    ])
  })

  it('loads an empty role text, which unknown-role reports', () => {
    expect(findings({ via: 'system', roles: ['', 'Storage Blob Data Reader'] })).toContainEqual([
      'unknown-role',
      'e1',
    ])
  })

  it('still refuses what the format fixes: a via or role of another JSON type, an empty role list', () => {
    const refused = (edge: Record<string, unknown>) => {
      const parsed = parseDesign(doc(edge))
      return parsed.ok ? [] : parsed.error.map((p) => p.path)
    }
    expect(refused({ via: 3, roles: ['Storage Blob Data Reader'] })).toEqual(['edges[0].via'])
    expect(refused({ roles: [null] })).toEqual(['edges[0].roles[0]'])
    expect(refused({ roles: [] })).toEqual(['edges[0].roles'])
  })
})
