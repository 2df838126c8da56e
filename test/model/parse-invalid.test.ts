import { describe, expect, it } from 'vitest'
import { parseDesign, parseDesignText } from '@/model/parse.ts'
import { formatProblem } from '@/model/problems.ts'

const valid = () => ({
  format: 'identity-topology',
  version: 1,
  name: 'Receipts platform',
  nodes: [
    { id: 'api', kind: 'app', name: 'receipts-api', hosting: 'appService', systemAssigned: true },
    { id: 'mi-storage', kind: 'identity', name: 'mi-shared-storage' },
    { id: 'receipts', kind: 'service', name: 'receiptstore', service: 'storage' },
    { id: 'vault', kind: 'service', name: 'kv-receipts', service: 'keyVault', permissionModel: 'rbac' },
    { id: 'devs', kind: 'developer', name: 'Receipts developers', principal: 'group' },
  ] as Record<string, unknown>[],
  edges: [
    { id: 'a1', kind: 'attach', source: 'api', target: 'mi-storage' },
    { id: 'e1', kind: 'access', source: 'api', target: 'receipts', via: 'mi-storage', roles: ['Storage Blob Data Contributor'] },
    { id: 'e2', kind: 'access', source: 'api', target: 'vault', via: 'system', roles: ['Key Vault Secrets User'], scope: 'resource' },
    { id: 'e3', kind: 'access', source: 'devs', target: 'receipts', roles: ['Storage Blob Data Contributor'] },
  ] as Record<string, unknown>[],
})

type Doc = ReturnType<typeof valid>
const mutate = (f: (d: Doc) => void): Doc => {
  const d = valid()
  f(d)
  return d
}

function problemsOf(input: unknown): string[] {
  const r = typeof input === 'string' ? parseDesignText(input) : parseDesign(input)
  if (r.ok) return []
  return r.error.map(formatProblem)
}

/** [what, document, a problem that must be reported (path and message start)] */
const CASES: [string, unknown, string][] = [
  ['truncated JSON', JSON.stringify(valid()).slice(0, 80), '(document): not valid JSON'],
  ['empty text', '', '(document): not valid JSON'],
  // A PNG as a browser or Node decodes it: the signature's 0x89 byte is no UTF-8.
  ['a picture', '\uFFFDPNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR', '(document): not a text file: it holds binary data'],
  ['non-object root: array', '[]', '(document): expected a JSON object, got an array'],
  ['non-object root: string', '"design"', '(document): expected a JSON object, got the string'],
  ['null root', 'null', '(document): expected a JSON object, got null'],
  ['wrong format', mutate((d) => Object.assign(d, { format: 'topology' })), 'format: expected "identity-topology"'],
  ['missing format', mutate((d) => Object.assign(d, { format: undefined })), 'format: '],
  ['future version', mutate((d) => Object.assign(d, { version: 2 })), 'version: unsupported version 2'],
  ['version zero', mutate((d) => Object.assign(d, { version: 0 })), 'version: expected 1'],
  ['version as string', mutate((d) => Object.assign(d, { version: '1' })), 'version: expected a number, got the string "1"'],
  ['missing name', mutate((d) => Object.assign(d, { name: undefined })), 'name: required'],
  ['empty name', mutate((d) => Object.assign(d, { name: '' })), 'name: must not be empty'],
  ['over-long design name', mutate((d) => Object.assign(d, { name: 'x'.repeat(129) })), 'name: must be at most 128 characters'],
  ['nodes not an array', mutate((d) => Object.assign(d, { nodes: {} })), 'nodes: expected an array, got an object'],
  ['edges missing', mutate((d) => Object.assign(d, { edges: undefined })), 'edges: required'],
  ['node not an object', mutate((d) => d.nodes.push(42 as never)), 'nodes[5]: expected an object, got the number 42'],
  ['node kind missing', mutate((d) => delete d.nodes[1]!.kind), 'nodes[1].kind: required'],
  ['node kind unknown', mutate((d) => (d.nodes[1]!.kind = 'database')), 'nodes[1].kind: expected one of app, identity, service, developer'],
  ['bad hosting enum', mutate((d) => (d.nodes[0]!.hosting = 'webApp')), 'nodes[0].hosting: expected one of appService, functionApp, containerApp'],
  ['missing hosting', mutate((d) => delete d.nodes[0]!.hosting), 'nodes[0].hosting: required'],
  ['systemAssigned not boolean', mutate((d) => (d.nodes[0]!.systemAssigned = 'yes')), 'nodes[0].systemAssigned: expected a boolean, got the string "yes"'],
  ['bad service enum', mutate((d) => (d.nodes[2]!.service = 'blob')), 'nodes[2].service: expected one of storage, keyVault'],
  ['bad permission model', mutate((d) => (d.nodes[3]!.permissionModel = 'policies')), 'nodes[3].permissionModel: expected one of rbac, accessPolicy'],
  ['bad developer principal', mutate((d) => (d.nodes[4]!.principal = 'team')), 'nodes[4].principal: expected one of user, group'],
  ['id with spaces', mutate((d) => (d.nodes[2]!.id = 'receipt store')), 'nodes[2].id: expected 1–64 characters of A-Z a-z 0-9 _ . -'],
  ['over-long id', mutate((d) => (d.nodes[2]!.id = 'a'.repeat(65))), 'nodes[2].id: expected 1–64 characters'],
  ['empty id', mutate((d) => (d.nodes[2]!.id = '')), 'nodes[2].id: expected 1–64 characters'],
  ['id as number', mutate((d) => (d.nodes[2]!.id = 7)), 'nodes[2].id: expected a string, got the number 7'],
  ['over-long node name', mutate((d) => (d.nodes[1]!.name = 'n'.repeat(129))), 'nodes[1].name: must be at most 128 characters'],
  ['empty node name', mutate((d) => (d.nodes[1]!.name = '')), 'nodes[1].name: must not be empty'],
  ['position with string', mutate((d) => (d.nodes[1]!.position = { x: '1', y: 2 })), 'nodes[1].position.x: expected a number'],
  ['azure not object', mutate((d) => (d.nodes[1]!.azure = 'rg')), 'nodes[1].azure: expected an object'],
  ['duplicate node id', mutate((d) => d.nodes.push({ id: 'api', kind: 'identity', name: 'again' })), 'nodes[5].id: duplicate id "api" (first used by nodes[0])'],
  ['edge id clashing with node', mutate((d) => (d.edges[0]!.id = 'vault')), 'edges[0].id: duplicate id "vault" (first used by nodes[3])'],
  ['duplicate edge id', mutate((d) => (d.edges[2]!.id = 'e1')), 'edges[2].id: duplicate id "e1" (first used by edges[1])'],
  ['dangling source', mutate((d) => (d.edges[1]!.source = 'ghost')), 'edges[1].source: no node with id "ghost"'],
  ['dangling target', mutate((d) => (d.edges[3]!.target = 'nowhere')), 'edges[3].target: no node with id "nowhere"'],
  ['attach from a developer', mutate((d) => (d.edges[0]!.source = 'devs')), "edges[0].source: an attach edge's source must be an app, but \"devs\" is a developer"],
  ['attach to a service', mutate((d) => (d.edges[0]!.target = 'vault')), "edges[0].target: an attach edge's target must be an identity, but \"vault\" is a service"],
  ['access from an identity', mutate((d) => (d.edges[1]!.source = 'mi-storage')), "edges[1].source: an access edge's source must be an app or a developer"],
  ['access to an app', mutate((d) => (d.edges[1]!.target = 'api')), "edges[1].target: an access edge's target must be a service"],
  ['edge kind unknown', mutate((d) => (d.edges[0]!.kind = 'uses')), 'edges[0].kind: expected one of attach, access'],
  ['empty roles', mutate((d) => (d.edges[1]!.roles = [])), 'edges[1].roles: must not be empty'],
  ['missing roles', mutate((d) => delete d.edges[1]!.roles), 'edges[1].roles: required'],
  ['roles not strings', mutate((d) => (d.edges[1]!.roles = [3])), 'edges[1].roles[0]: expected a string, got the number 3'],
  ['bad scope', mutate((d) => (d.edges[2]!.scope = 'tenant')), 'edges[2].scope: expected one of resource, resourceGroup, subscription'],
  ['via not a string', mutate((d) => (d.edges[1]!.via = true)), 'edges[1].via: expected a string, got true'],
  ['edge not an object', mutate((d) => d.edges.push(null as never)), 'edges[4]: expected an object, got null'],
]

describe('parseDesign refuses malformed documents with the path of the problem', () => {
  it('has at least 30 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(30))

  it.each(CASES)('%s', (_what, doc, expected) => {
    const problems = problemsOf(doc)
    expect(problems.length).toBeGreaterThan(0)
    expect(problems.some((p) => p.startsWith(expected)), `got:\n${problems.join('\n')}`).toBe(true)
  })

  it('reads endpoints against nodes only: an edge id is no node, a node of no valid kind is reported once, a repeated id is its first node', () => {
    expect(problemsOf(mutate((d) => (d.edges[1]!.target = 'a1')))).toEqual([
      'edges[1].target: no node with id "a1"',
    ])
    expect(problemsOf(mutate((d) => (d.nodes[2]!.kind = 'bucket')))).toEqual([
      'nodes[2].kind: expected one of app, identity, service, developer, got the string "bucket"',
    ])
    expect(
      problemsOf(mutate((d) => d.nodes.push({ id: 'receipts', kind: 'app', name: 'again', hosting: 'appService' }))),
    ).toEqual(['nodes[5].id: duplicate id "receipts" (first used by nodes[2])'])
  })

  it('accepts the PRODUCT.md example as it stands', () => {
    expect(problemsOf(valid())).toEqual([])
  })

  it('reports every problem at once, not just the first', () => {
    const doc = mutate((d) => {
      d.nodes[0]!.hosting = 'webApp'
      d.nodes[2]!.service = 'blob'
      d.edges[1]!.target = 'nowhere'
      d.name = ''
    })
    const problems = problemsOf(doc)
    expect(problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['name', 'nodes[0].hosting', 'nodes[2].service', 'edges[1].target']),
    )
  })

  it('does not report a dangling edge when the node it names is merely invalid', () => {
    const problems = problemsOf(mutate((d) => (d.nodes[0]!.hosting = 'webApp')))
    expect(problems).toHaveLength(1)
  })

  it('gives the line and column of a JSON syntax error', () => {
    const [problem] = problemsOf('{\n  "format": "identity-topology",\n  "version": 1,,\n}')
    expect(problem).toMatch(/line 3/)
  })

  it('accepts an unresolvable via and unknown role names: rules report them, not the parser', () => {
    const doc = mutate((d) => {
      d.edges[1]!.via = 'no-such-identity'
      d.edges[1]!.roles = ['Storage Blob Data Superuser']
    })
    expect(problemsOf(doc)).toEqual([])
  })
})
