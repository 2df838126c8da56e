import { describe, expect, it } from 'vitest'
import { EXPORT_FORMATS, ExportError, exportDesign } from '@/export/export.ts'
import { design } from '../support/builder.ts'

const R = ['Storage Blob Data Reader']
// An Azure role on the database: a role assignment at its ARM id (db_datareader would be T-SQL).
const SQL_ROLE = ['Reader']

/** An app reaching a SQL database and a Spring app reaching storage, the two named as given. */
const named = (database: string, springApp: string, bound = false) =>
  design()
    .app('api', { systemAssigned: true })
    .app('spring', { name: springApp, hosting: 'springApp', systemAssigned: true })
    .service('db', 'sql', {
      name: database,
      ...(bound
        ? {
            azure: {
              resourceId:
                '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers/Microsoft.Sql/servers/srv/databases/orders',
            },
          }
        : {}),
    })
    .service('st', 'storage')
    .access('api', 'db', SQL_ROLE, { via: 'system' })
    .access('spring', 'st', R, { via: 'system' })
    .build()

describe('exports of child resources (named parent/child in Azure)', () => {
  it('refuses a SQL database and a Spring app named with one segment, naming both, in every format', () => {
    for (const format of EXPORT_FORMATS) {
      const refuse = () => exportDesign(named('orders', 'orders-api'), format)
      expect(refuse).toThrow(ExportError)
      expect(refuse).toThrow(
        'cannot export these nodes as drawn: "spring" is named "orders-api": a Microsoft.AppPlatform/Spring/apps is named "<Spring>/<app>" in Azure; rename it so, or bind it (azure.resourceId); "db" is named "orders": a Microsoft.Sql/servers/databases is named "<server>/<database>" in Azure; rename it so, or bind it (azure.resourceId)',
      )
    }
  })

  it('refuses an empty segment and a third one', () => {
    expect(() => exportDesign(named('srv/', 'asa/app'), 'cli')).toThrow('"db" is named "srv/"')
    expect(() => exportDesign(named('a/b/c', 'asa/app'), 'cli')).toThrow('"db" is named "a/b/c"')
  })

  it('exports them named parent/child, or bound to a resource id whatever their name', () => {
    const bicep = exportDesign(named('srv/orders', 'asa/orders-api'), 'bicep')
    expect(bicep).toContain("name: 'srv'")
    expect(bicep).toContain("name: 'orders'")
    expect(bicep).toContain("name: 'orders-api'")
    const cli = exportDesign(named('srv/orders', 'asa/orders-api'), 'cli')
    expect(cli).toContain('Microsoft.AppPlatform/Spring/asa/apps/orders-api')
    expect(() => exportDesign(named('orders', 'asa/orders-api', true), 'terraform')).not.toThrow()
  })
})

describe('exports of apps with more identities than their hosting takes', () => {
  it('refuses a Logic App with its system-assigned identity and a user-assigned one', () => {
    const logic = design()
      .app('flow', { hosting: 'logicApp', systemAssigned: true })
      .identity('mi-flow')
      .service('st', 'storage')
      .attach('flow', 'mi-flow')
      .access('flow', 'st', R, { via: 'mi-flow' })
      .access('flow', 'st', ['Storage Queue Data Reader'], { via: 'system' })
      .build()
    for (const format of EXPORT_FORMATS)
      expect(() => exportDesign(logic, format)).toThrow(
        'cannot export this node as drawn: "flow" has 2 identities: a Logic App can use only 1 managed identity',
      )
    const one = {
      ...logic,
      nodes: logic.nodes.map((n) => (n.id === 'flow' ? { ...n, systemAssigned: false } : n)),
    }
    expect(() =>
      exportDesign(
        { ...one, edges: one.edges.filter((e) => e.kind !== 'access' || e.via === 'mi-flow') },
        'bicep',
      ),
    ).not.toThrow()
  })
})

describe('exports of identities named as Azure refuses', () => {
  const BOUND =
    '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi-orders'
  /** An app reaching storage through an identity of this name (bound to an existing one or not). */
  const through = (name: string, bound = false) =>
    design()
      .app('api')
      .identity('mi', { name, ...(bound ? { azure: { resourceId: BOUND } } : {}) })
      .service('st', 'storage')
      .attach('api', 'mi')
      .access('api', 'st', R, { via: 'mi' })
      .build()

  it('refuses to create one, in every format, naming it quoted (the deployment would fail on it)', () => {
    for (const format of EXPORT_FORMATS)
      expect(() => exportDesign(through('mi\n$(touch x)', false), format)).toThrow(
        'cannot export this node as drawn: "mi" is named "mi\\n$(touch x)": in Azure a user-assigned identity’s name is 3–128 letters, digits, hyphens and underscores, starting with a letter or digit; rename it, or bind it (azure.resourceId)',
      )
    expect(() => exportDesign(through('mi'), 'bicep')).toThrow('"mi" is named "mi": in Azure')
    expect(() => exportDesign(through('-orders'), 'bicep')).toThrow('"mi" is named "-orders"')
  })

  it('exports one whose name Azure takes, or one bound to an existing identity whatever its name', () => {
    expect(exportDesign(through('mi_orders-1'), 'bicep')).toContain("name: 'mi_orders-1'")
    expect(() => exportDesign(through('my identity!', true), 'terraform')).not.toThrow()
  })
})
