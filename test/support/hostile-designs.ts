import fc from 'fast-check'
import { HOSTING } from '@/catalog/hosting.ts'
import { SERVICES } from '@/catalog/services.ts'
import type { Design, DesignNode } from '@/model/types.ts'
import { templateById } from '@/templates/index.ts'
import { designArbitrary } from './arbitraries.ts'
import { CANARY, hostileName } from './hostile.ts'

const SUB = '11111111-1111-1111-1111-111111111111'
const OTHER_RG = 'other-rg'

export interface HostileCase {
  /**
   * A random design whose design name, node names (but those of identities it creates: see
   * hostileCase) and some role texts are hostile.
   */
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
      const nodes = design.nodes.map((n, i): DesignNode => {
        // Names repeat now and then: two nodes may share one.
        const name = shaped(n, names[i % names.length]!)
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
        if (id) return { ...n, name, azure: { resourceId: id } }
        // An identity the design creates has a name ARM takes (letters, digits, - and _), or
        // every export refuses the design (test/export/refused.test.ts): nothing hostile fits.
        return n.kind === 'identity' ? { ...n, name: `mi-${i}` } : { ...n, name }
      })
      const edges = design.edges.map((e, i) =>
        e.kind === 'access' && i % 3 === 0 ? { ...e, roles: [...e.roles, roles[i % 2]!] } : e,
      )
      return withTwin(withinHostingLimits({ ...design, name: designName, nodes, edges }), roles)
    })
}

/**
 * A child resource (a SQL database, a Spring app) is named `parent/child` in Azure, and the exports
 * refuse a name of another shape: a hostile name made of two hostile, non-blank segments.
 */
function shaped(n: DesignNode, name: string): string {
  if ((armType(n)?.split('/').length ?? 0) < 3) return name
  const parts = name.split('/').filter((p) => p.trim() !== '')
  const [first = 'x', ...rest] = parts
  // Each half at most 60 characters: the whole within a name's 128.
  const cap = (text: string): string => {
    const capped = [...text].slice(0, 60).join('')
    return capped.trim() === '' ? 'x' : capped
  }
  return `${cap(first)}/${cap(rest.length > 0 ? rest.join('-') : first)}`
}

/**
 * The design with no app holding more identities than its hosting takes (a Logic App: one), which
 * the exports refuse: its system-assigned identity off, then attach edges past the limit dropped.
 */
function withinHostingLimits(d: Design): Design {
  const over = new Map<string, number>()
  for (const n of d.nodes)
    if (n.kind === 'app' && HOSTING[n.hosting].maxIdentities !== undefined)
      over.set(n.id, HOSTING[n.hosting].maxIdentities!)
  if (over.size === 0) return d
  const nodes = d.nodes.map((n) =>
    n.kind === 'app' && over.has(n.id) ? { ...n, systemAssigned: false } : n,
  )
  const kept = new Map<string, number>()
  const edges = d.edges.filter((e) => {
    if (e.kind !== 'attach' || !over.has(e.source)) return true
    const n = (kept.get(e.source) ?? 0) + 1
    kept.set(e.source, n)
    return n <= over.get(e.source)!
  })
  return { ...d, nodes, edges }
}

/** A hostile design and its plain twin (`roles`: the hostile texts put among edges' roles). */
function withTwin(hostile: Design, roles: readonly string[] = []): HostileCase {
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
  const twin: Design = {
    ...hostile,
    name: twinOf(hostile.name),
    nodes: hostile.nodes.map((n) => ({ ...n, name: twinOf(n.name) })),
    edges: hostile.edges.map((e) =>
      e.kind === 'access'
        ? { ...e, roles: e.roles.map((r) => (roles.includes(r) ? twinOf(r) : r)) }
        : e,
    ),
  }
  return { design: hostile, twin }
}

/**
 * The attacks issue 10 reproduced, as fixed cases each hostile-name property runs first (random
 * mixes seldom build them: a heredoc or a `'''` string is only written for text that holds no
 * control but line breaks): scenario 2 and an AKS workload, with a SQL principal whose name holds
 * a line `EOT`, a `'''` and a declaration after each; a service name that ends a Java comment
 * through `\u000a`, holds a lone high surrogate before a backslash, and puts a Python statement
 * after a line break; an AKS app and a design name that leave a `#` comment. Unbound (but the SQL
 * principal, an identity the exports would create), and with every node but the developers bound
 * to a resource in another group.
 */
export function exploitCases(): HostileCase[] {
  const base = templateById('scenario-2')!.design
  const design: Design = {
    ...base,
    nodes: [...base.nodes, { id: 'aks', kind: 'app', name: 'aks', hosting: 'aksWorkload' }],
    edges: [
      ...base.edges,
      { id: 'aks-mi-data', kind: 'attach', source: 'aks', target: 'mi-data' },
      {
        id: 'aks-blob',
        kind: 'access',
        source: 'aks',
        target: 'blob',
        via: 'mi-data',
        roles: ['Owner'],
      },
    ],
  }
  const NAMES: Readonly<Record<string, string>> = {
    'mi-data': `mi\nEOT\nresource "azurerm_role_assignment" "e" {}\nx = <<EOT\n'''\nresource e 'x@1' = {}\n'''\n`,
    blob: `st \\u000a System.exit(1); \uD83D\\u0022 */ ${CANARY}\nimport os; os.system("touch ${CANARY}")`,
    aks: `aks\naz role assignment create --role Owner --assignee x --scope /\n# `,
    devs: `dev'"\`$(touch ${CANARY})\``,
    // A line break in a name inside a resource id: a script that reads the id line by line (cut)
    // passes a wrong resource group.
    cosmos: 'cosmos\nEOT\n${HOME}',
  }
  // An identity the design creates keeps its name: the exports refuse one ARM would refuse
  // (test/export/refused.test.ts), so `mi-data`'s attack is made through a bound identity.
  const named = (d: Design, name: string): Design => ({
    ...d,
    name,
    nodes: d.nodes.map((n) =>
      NAMES[n.id] && (n.kind !== 'identity' || n.azure?.resourceId)
        ? { ...n, name: NAMES[n.id]! }
        : n,
    ),
  })
  const bound: Design = {
    ...design,
    nodes: design.nodes.map((n, i) => {
      const id = n.kind === 'developer' ? undefined : boundId(n, i)
      return id ? { ...n, azure: { resourceId: id } } : n
    }),
  }
  return [
    withTwin(named(design, `Receipts\ntouch ${CANARY}\n*/ EOT`)),
    withTwin(named(bound, `Receipts \u001b]0;owned\u0007`)),
  ]
}
