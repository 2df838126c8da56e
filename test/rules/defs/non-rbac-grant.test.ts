import { nonRbacGrant } from '@/rules/defs/non-rbac-grant.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

testRule(nonRbacGrant, {
  valid: [
    {
      name: 'RBAC roles and custom roles; unresolved edges yield no grant',
      design: design()
        .app('api', { systemAssigned: true })
        .app('lost')
        .service('st', 'storage')
        .service('db', 'sql')
        .access('api', 'st', ['Storage Blob Data Reader', '11111111-2222-3333-4444-555555555555'])
        .access('lost', 'db', ['db_datareader'])
        .build(),
    },
    {
      // Nothing is created for them there: role-not-for-service reports them, and the plan has
      // no step for them.
      name: "another service's data roles: a Cosmos DB role, a database role, a Redis policy",
      design: design()
        .app('api', { systemAssigned: true })
        .service('st', 'storage')
        .access('api', 'st', ['Cosmos DB Built-in Data Contributor', 'db_datareader', 'Data Owner'])
        .build(),
    },
  ],
  invalid: [
    {
      name: "only the roles of the edge's own service",
      design: design()
        .app('api', { systemAssigned: true })
        .service('cache', 'redis')
        .access('api', 'cache', ['Data Reader', 'db_datareader'], { id: 'e1' })
        .build(),
      findings: [
        {
          subject: 'e1',
          message:
            '"Data Reader" on "cache" is an Azure Cache for Redis data access policy: the plan creates an access policy assignment on the cache (Microsoft Entra authentication on), not an Azure role assignment.',
          related: ['cache'],
        },
      ],
    },
    {
      name: 'Cosmos DB data roles (by GUID too) and SQL database roles, apps and developers',
      design: design()
        .app('api', { systemAssigned: true })
        .developer('devs')
        .service('cosmos', 'cosmosDb')
        .service('db', 'sql')
        .access('api', 'cosmos', ['00000000-0000-0000-0000-000000000002'], { id: 'e1' })
        .access('devs', 'db', ['db_datareader', 'db_datawriter'], { id: 'e2' })
        .build(),
      findings: [
        { subject: 'e1', message: 'Cosmos DB data-plane role', related: ['cosmos'] },
        { subject: 'e2', message: '"db_datareader", "db_datawriter" on "db" is a database role' },
      ],
    },
    {
      // A design read without validation may point an edge at an id no node has: the message
      // quotes the id itself (Labels.at of an endpoint number past the nodes).
      name: 'an edge to an id that names no node',
      design: design()
        .app('api', { systemAssigned: true })
        .access('api', 'gone "db"', ['db_datareader'], { id: 'e1' })
        .build(),
      findings: [
        {
          subject: 'e1',
          message: '"db_datareader" on "gone \\"db\\"" is a database role',
          related: ['gone "db"'],
        },
      ],
    },
    {
      // Findings of edges with the same roles to the same service share their message: edges
      // that differ in one of them each get their own.
      name: 'each edge names its own roles and service, also beside edges to the same service',
      design: design()
        .app('api', { systemAssigned: true })
        .app('web', { systemAssigned: true })
        .service('cosmos', 'cosmosDb')
        .service('db', 'sql')
        .access('api', 'cosmos', ['Cosmos DB Built-in Data Reader'], { id: 'e1' })
        .access('web', 'cosmos', ['Cosmos DB Built-in Data Contributor'], { id: 'e2' })
        .access('web', 'db', ['db_datareader'], { id: 'e3' })
        .access('api', 'db', ['db_datareader'], { id: 'e4' })
        .access('api', 'cosmos', ['Cosmos DB Built-in Data Reader', 'db_owner'], { id: 'e5' })
        .access('web', 'cosmos', ['db_owner', 'Cosmos DB Built-in Data Contributor'], { id: 'e6' })
        .build(),
      findings: [
        { subject: 'e1', message: '"Cosmos DB Built-in Data Reader" on "cosmos" is a Cosmos' },
        { subject: 'e2', message: '"Cosmos DB Built-in Data Contributor" on "cosmos" is a' },
        { subject: 'e3', message: '"db_datareader" on "db" is a database role' },
        { subject: 'e4', message: '"db_datareader" on "db" is a database role' },
        { subject: 'e5', message: '"Cosmos DB Built-in Data Reader" on "cosmos" is a Cosmos' },
        { subject: 'e6', message: '"Cosmos DB Built-in Data Contributor" on "cosmos" is a' },
      ],
    },
  ],
})
