import type { HostingKind, ServiceKind } from '../src/model/kinds.ts'
import type { AccessEdge, Design, DesignEdge, DesignNode } from '../src/model/types.ts'

/** Small seeded PRNG (mulberry32): the same design for the same size on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Hostings with their share of apps. */
const HOSTINGS: [HostingKind, number][] = [
  ['appService', 0.3],
  ['functionApp', 0.25],
  ['containerApp', 0.2],
  ['aksWorkload', 0.12],
  ['virtualMachine', 0.08],
  ['logicApp', 0.05],
]
/** Services of one system with the role its apps use; the first two are shared by all its apps. */
const SYSTEM_SERVICES: [ServiceKind, string][] = [
  ['storage', 'Storage Blob Data Contributor'],
  ['appConfiguration', 'App Configuration Data Reader'],
  ['keyVault', 'Key Vault Secrets User'],
  ['serviceBus', 'Azure Service Bus Data Sender'],
  ['cosmosDb', 'Cosmos DB Built-in Data Contributor'],
  ['sql', 'db_datareader'],
  ['eventHubs', 'Azure Event Hubs Data Receiver'],
  ['search', 'Search Index Data Reader'],
]
const SYSTEM_SIZE = 10
/** Share of app edges carrying each typical mistake. */
const MISTAKE = 0.01

/**
 * A realistic large design: apps in systems of 10, each app reaching 5 services of its system.
 * The two services every app of a system uses go through one shared user-assigned identity; an
 * app's own three go through its system-assigned identity (its own user-assigned one on AKS; a
 * Logic App takes everything on its system-assigned identity). Each system has a developer
 * group; some have individual developers too. About 1% of edges carry each typical mistake
 * (privileged role, unknown role name, broad scope, missing via, own need on the shared identity),
 * so every rule has findings to build.
 */
export function generateDesign(apps: number, seed = 42): Design {
  const random = prng(seed)
  const nodes: DesignNode[] = []
  const edges: DesignEdge[] = []
  const systems = Math.ceil(apps / SYSTEM_SIZE)
  for (let s = 0; s < systems; s++) {
    const services = SYSTEM_SERVICES.map(([kind, role], k) => {
      const id = `s${s}-svc${k}`
      nodes.push({ id, kind: 'service', name: `sys${s}-${kind}`.toLowerCase(), service: kind })
      return { id, role }
    })
    const shared = `s${s}-mi`
    nodes.push({ id: shared, kind: 'identity', name: `mi-sys${s}-shared` })
    const size = Math.min(SYSTEM_SIZE, apps - s * SYSTEM_SIZE)
    for (let a = 0; a < size; a++) {
      const app = `s${s}-app${a}`
      const hosting = pickHosting(random())
      const own =
        hosting === 'logicApp' ? 'system' : hosting === 'aksWorkload' ? `${app}-mi` : 'system'
      const common = hosting === 'logicApp' ? 'system' : shared
      nodes.push({
        id: app,
        kind: 'app',
        name: `sys${s}-app${a}`,
        hosting,
        systemAssigned: own === 'system',
      })
      if (common === shared)
        edges.push({ id: `${app}-att`, kind: 'attach', source: app, target: shared })
      if (own !== 'system') {
        nodes.push({ id: own, kind: 'identity', name: `mi-sys${s}-app${a}` })
        edges.push({ id: `${app}-att-own`, kind: 'attach', source: app, target: own })
      }
      const picks = [0, 1, ...pickDistinct(random, 2, SYSTEM_SERVICES.length, 3)]
      picks.forEach((k, i) => {
        const svc = services[k] as { id: string; role: string }
        const m = random() / MISTAKE
        const via = m >= 4 && m < 5 && hosting !== 'logicApp' ? shared : i < 2 ? common : own
        const edge: AccessEdge = {
          id: `${app}-e${i}`,
          kind: 'access',
          source: app,
          target: svc.id,
          roles: [m < 1 ? 'Contributor' : m < 2 ? 'Storage Blob Data Writer' : svc.role],
          ...(m >= 3 && m < 4 && hosting !== 'logicApp' ? {} : { via }),
          ...(m >= 2 && m < 3 ? { scope: 'resourceGroup' as const } : {}),
        }
        edges.push(edge)
      })
    }
    const devs = [`s${s}-devs`, ...(s % 10 === 0 ? [`s${s}-alice`, `s${s}-bob`] : [])]
    devs.forEach((dev, i) => {
      nodes.push(
        i === 0
          ? { id: dev, kind: 'developer', name: `sys${s} developers`, principal: 'group' }
          : { id: dev, kind: 'developer', name: `${dev} (user)`, principal: 'user' },
      )
      services.slice(0, 5).forEach((svc, k) =>
        edges.push({
          id: `${dev}-e${k}`,
          kind: 'access',
          source: dev,
          target: svc.id,
          roles: [svc.role],
        }),
      )
    })
  }
  return { name: `Generated design: ${apps} apps`, nodes, edges }
}

function pickHosting(x: number): HostingKind {
  let acc = 0
  for (const [hosting, share] of HOSTINGS) {
    acc += share
    if (x < acc) return hosting
  }
  return 'appService'
}

/** `count` distinct integers in [from, to), in random order. */
function pickDistinct(random: () => number, from: number, to: number, count: number): number[] {
  const pool = Array.from({ length: to - from }, (_, i) => from + i)
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[pool[i], pool[j]] = [pool[j] as number, pool[i] as number]
  }
  return pool.slice(0, count)
}
