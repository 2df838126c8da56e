import { describe, expect, it } from 'vitest'
import { DesignIndex } from '@/analysis/design-index.ts'
import { Labels } from '@/rules/labels.ts'
import { design } from '../support/builder.ts'

describe('Labels', () => {
  it('quotes each node name by number and by id, past the first page of labels, and an id naming no node as it is', () => {
    let b = design()
    for (let i = 0; i < 9_000; i++) b = b.service(`s${i}`, 'storage', { name: `store "${i}"` })
    const d = b.app('api', { systemAssigned: true }).access('api', 'ghost', ['Reader']).build()
    const index = new DesignIndex(d)
    const labels = new Labels(index)
    expect([0, 4_095, 4_096, 8_999].map((n) => labels.at(n))).toEqual([
      '"store \\"0\\""',
      '"store \\"4095\\""',
      '"store \\"4096\\""',
      '"store \\"8999\\""',
    ])
    expect(labels.of('s4097')).toBe('"store \\"4097\\""')
    expect(labels.at(4_096)).toBe(labels.of('s4096'))
    expect(labels.of('ghost')).toBe('"ghost"')
    expect(labels.at(index.endpointCount - 1)).toBe('"ghost"')
  })
})
