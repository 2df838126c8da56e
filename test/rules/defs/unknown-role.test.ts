import { describe, expect, it } from 'vitest'
import { checkDesign } from '@/rules/engine.ts'
import { unknownRole } from '@/rules/defs/unknown-role.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

testRule(unknownRole, {
  valid: [
    {
      name: 'exact names, built-in GUIDs in any case, custom GUIDs',
      design: design()
        .app('api', { systemAssigned: true })
        .service('st', 'storage')
        .access('api', 'st', [
          'Storage Blob Data Reader',
          'BA92F5B4-2D11-453D-A403-E96B0029C9FE',
          '11111111-2222-3333-4444-555555555555',
        ])
        .build(),
    },
  ],
  invalid: [
    {
      name: 'wrong case and typos, on resolved and unresolved edges, once per edge',
      design: design()
        .app('api', { systemAssigned: true })
        .app('lost')
        .service('st', 'storage')
        .access('api', 'st', ['storage blob data reader', 'Storage Blob Data Writer'], { id: 'e1' })
        .access('lost', 'st', ['Storage Blob Data Rader'], { id: 'e2' })
        .access('lost', 'st', ['not-a-guid-1234'], { id: 'e3' })
        .build(),
      findings: [{ subject: 'e1' }, { subject: 'e2' }, { subject: 'e3' }],
    },
  ],
})

describe('unknown-role suggestions', () => {
  it('offers the closest name for the service first', () => {
    const d = design()
      .app('api', { systemAssigned: true })
      .service('st', 'storage')
      .access('api', 'st', ['storage blob data reader'], { id: 'e1' })
      .build()
    const [finding] = checkDesign(d, [unknownRole])
    expect(finding?.suggestions?.[0]?.edits).toEqual([
      { type: 'updateEdge', id: 'e1', set: { roles: ['Storage Blob Data Reader'] } },
    ])
  })
})
