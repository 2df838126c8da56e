import { describe, expect, it } from 'vitest'
import type { Design } from '@/model/types.ts'
import { analyze } from '@/store/derived.ts'
import { templateById } from '@/templates/index.ts'
import { findInDesign } from '@/ui/canvas/find.ts'
import { nodeLook } from '@/ui/canvas/node-look.ts'
import { design } from '../../support/builder.ts'

const scenario2 = (templateById('scenario-2') as { design: Design }).design
const find = (d: Design, q: string) =>
  findInDesign(
    { design: d, findings: analyze(d).findings, kindLabel: (n) => nodeLook(n).kindLabel },
    q,
  )

describe('findInDesign', () => {
  it('finds nodes by name, those starting with the query first, whatever the case', () => {
    expect(find(scenario2, 'WEB').map((h) => h.id)).toEqual(['web1', 'web2'])
    expect(find(scenario2, 'contoso-s').map((h) => [h.id, h.title, h.why])).toEqual([
      ['db', 'contoso-sql/orders', 'Azure SQL database'],
      ['mi-storage', 'mi-contoso-storage', 'User-assigned identity'],
    ])
    expect(
      find(scenario2, 'storage')
        .map((h) => h.id)
        .slice(0, 2),
    ).toEqual(['mi-storage', 'web1-blob'])
  })

  it('finds an edge by the title it is listed with, "->" typed for the arrow', () => {
    const hits = (q: string) => find(scenario2, q).map((h) => [h.title, h.why])
    expect(hits('contoso-web-1 → contoso-sql')).toEqual([
      ['contoso-web-1 → contoso-sql/orders', 'db_datareader, db_datawriter'],
    ])
    expect(hits('CONTOSO-WEB-1 -> contoso-sql')).toEqual(hits('contoso-web-1 → contoso-sql'))
    expect(hits('contoso-func →').map(([title]) => title)).toEqual([
      'contoso-func → mi-contoso-storage',
      'contoso-func → contosoassets',
    ])
  })

  it('finds access edges by role and nodes by kind', () => {
    expect(find(scenario2, 'db_datawriter').map((h) => [h.id, h.title])).toEqual([
      [expect.any(String), 'contoso-web-1 → contoso-sql/orders'],
      [expect.any(String), 'contoso-web-2 → contoso-sql/orders'],
      ['devs-db', 'Contoso developers → contoso-sql/orders'],
    ])
    expect(find(scenario2, 'function app').map((h) => h.id)).toEqual(['func'])
  })

  it('finds what a rule reports on by its rule id, hostile names kept as they are', () => {
    const name = `dev "$(x)"\n'''\u001b[0m`
    const d = design().identity('mi', { name }).build()
    const hits = find(d, 'UNUSED-ident')
    expect(hits.map((h) => [h.id, h.title])).toEqual([['mi', name]])
    expect(hits[0]?.why).toMatch(/^unused-identity: /)
    expect(find(d, '   ')).toEqual([])
  })
})
