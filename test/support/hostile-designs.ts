import fc from 'fast-check'
import { HOSTING } from '@/catalog/hosting.ts'
import { SERVICES } from '@/catalog/services.ts'
import type { Design, DesignNode } from '@/model/types.ts'
import { designArbitrary } from './arbitraries.ts'
import { hostileName } from './hostile.ts'

const SUB = '11111111-1111-1111-1111-111111111111'
const OTHER_RG = 'other-rg'

export interface HostileCase {
  /** A random design whose design name, node names and some role texts are hostile. */
  readonly design: Design
  /**
   * The same design with every distinct name replaced by a plain one of the same `/` structure
   * (SQL databases are `server/database`): whatever differs between the outputs of the two came
   * from the names, and must sit inside a string or a comment.
   */
  readonly twin: Design
}

function armType(n: DesignNode): string | undefined {
  if (n.kind === 'service') return SERVICES[n.service].armType
  if (n.kind === 'app') return HOSTING[n.hosting].armType
  return n.kind === 'identity' ? 'Microsoft.ManagedIdentity/userAssignedIdentities' : undefined
}

/** A well-formed id of the node's own type in another group (names are the twin's: ARM-valid). */
function boundId(n: DesignNode, i: number): string | undefined {
  const type = armType(n)
  if (!type) return undefined
  const [provider, ...types] = type.split('/')
  const path = types.map((t, j) => `${t}/bound${i}x${j}`).join('/')
  return `/subscriptions/${SUB}/resourceGroups/${OTHER_RG}/providers/${provider}/${path}`
}

/**
 * Random designs (test/support/arbitraries) with hostile names everywhere a name goes, some roles
 * replaced by hostile texts, and some nodes bound to Azure (resource ids in another group,
 * developers' object ids), paired with their plain twin.
 */
export function hostileCase(): fc.Arbitrary<HostileCase> {
  return fc
    .record({
      design: designArbitrary({ maxApps: 4, maxIdentities: 3, maxServices: 4, maxDevelopers: 2 }),
      designName: hostileName(),
      names: fc.array(hostileName(), { minLength: 16, maxLength: 16 }),
      roles: fc.array(hostileName(), { minLength: 2, maxLength: 2 }),
      bind: fc.array(fc.nat(5), { minLength: 16, maxLength: 16 }),
    })
    .map(({ design, designName, names, roles, bind }) => {
      const twinNames = new Map<string, string>()
      const twinOf = (name: string): string => {
        if (!twinNames.has(name))
          twinNames.set(
            name,
            name
              .split('/')
              .map((_, j) => `plain${twinNames.size}p${j}`)
              .join('/'),
          )
        return twinNames.get(name)!
      }
      const nodes = design.nodes.map((n, i): DesignNode => {
        // Names repeat now and then: two nodes may share one.
        const name = names[i % names.length]!
        const b = bind[i % bind.length]!
        if (n.kind === 'developer')
          return b > 2
            ? {
                ...n,
                name,
                azure: { principalId: `dddddddd-0000-4000-8000-${String(i).padStart(12, '0')}` },
              }
            : { ...n, name }
        const id = b === 5 && n.kind !== 'app' ? boundId(n, i) : undefined
        return id ? { ...n, name, azure: { resourceId: id } } : { ...n, name }
      })
      const edges = design.edges.map((e, i) =>
        e.kind === 'access' && i % 3 === 0 ? { ...e, roles: [...e.roles, roles[i % 2]!] } : e,
      )
      const hostile: Design = { ...design, name: designName, nodes, edges }
      const twin: Design = {
        ...hostile,
        name: twinOf(designName),
        nodes: nodes.map((n) => ({ ...n, name: twinOf(n.name) })),
        edges: edges.map((e) =>
          e.kind === 'access'
            ? { ...e, roles: e.roles.map((r) => (roles.includes(r) ? twinOf(r) : r)) }
            : e,
        ),
      }
      return { design: hostile, twin }
    })
}
