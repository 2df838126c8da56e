import type { HostingKind, ServiceKind } from '../../../src/model/kinds.ts'
import { SERVICES } from '../../../src/catalog/services.ts'
import type { Design, DesignEdge, DesignNode } from '../../../src/model/types.ts'

const HOSTINGS: HostingKind[] = ['appService', 'functionApp', 'containerApp', 'virtualMachine']
const KINDS: ServiceKind[] = [
  'storage',
  'keyVault',
  'serviceBus',
  'cosmosDb',
  'sql',
  'appConfiguration',
]

/**
 * The canvas benchmark's design: exactly 1,000 nodes (500 apps, 100 identities, 300 services,
 * 100 developers) and 3,000 edges (500 attach, 2,500 access), laid out in layered blocks the way
 * auto layout would, deterministic (no randomness).
 */
export function benchDesign(): Design {
  const nodes: DesignNode[] = []
  const edges: DesignEdge[] = []
  const block = (column: number, i: number, perColumn: number) => ({
    x: column * 1400 + Math.floor(i / perColumn) * 260,
    y: (i % perColumn) * 120,
  })
  for (let i = 0; i < 100; i++)
    nodes.push({
      id: `dev${i}`,
      kind: 'developer',
      name: `developers-${i}`,
      principal: 'group',
      position: block(0, i, 50),
    })
  for (let i = 0; i < 500; i++)
    nodes.push({
      id: `app${i}`,
      kind: 'app',
      name: `app-${i}`,
      hosting: HOSTINGS[i % HOSTINGS.length] as HostingKind,
      systemAssigned: i % 3 === 0,
      position: block(1, i, 100),
    })
  for (let i = 0; i < 100; i++)
    nodes.push({
      id: `mi${i}`,
      kind: 'identity',
      name: `id-shared-${i}`,
      position: block(3, i, 100),
    })
  for (let i = 0; i < 300; i++) {
    const service = KINDS[i % KINDS.length] as ServiceKind
    nodes.push({
      id: `svc${i}`,
      kind: 'service',
      name: `svc-${i}`,
      service,
      position: block(4, i, 100),
    })
  }
  for (let i = 0; i < 500; i++) {
    const identity = `mi${Math.floor(i / 5)}`
    edges.push({ id: `a${i}`, kind: 'attach', source: `app${i}`, target: identity })
    for (let k = 0; k < 5; k++) {
      const s = (i * 3 + k * 7) % 300
      const service = KINDS[s % KINDS.length] as ServiceKind
      edges.push({
        id: `e${i}-${k}`,
        kind: 'access',
        source: `app${i}`,
        target: `svc${s}`,
        roles: [SERVICES[service].defaultRole],
        via: k === 0 && i % 3 === 0 ? 'system' : identity,
      })
    }
  }
  return { name: 'Canvas benchmark (1,000 nodes, 3,000 edges)', nodes, edges }
}
