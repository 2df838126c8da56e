import fc from 'fast-check'
import { ALL_ROLES, rolesForService } from '@/catalog/roles.ts'
import {
  HOSTING_KINDS,
  SCOPES,
  SERVICE_KINDS,
  type HostingKind,
  type PermissionModel,
  type PrincipalKind,
  type Scope,
  type ServiceKind,
} from '@/model/kinds.ts'
import type { AccessEdge, Design, DesignEdge, DesignNode } from '@/model/types.ts'

/** Role texts that name no built-in role: wrong case, typos, plain words. */
export const UNKNOWN_ROLE_NAMES = [
  'storage blob data reader',
  'Blob Reader',
  'Reader2',
  'KeyVault Secrets User',
]
/** Well-formed GUIDs that are no built-in role: custom RBAC roles. */
export const CUSTOM_ROLE_GUIDS = [
  '11111111-2222-3333-4444-555555555555',
  'AAAAAAAA-bbbb-cccc-dddd-eeeeeeeeeeee',
]

export interface DesignShape {
  readonly maxApps: number
  readonly maxIdentities: number
  readonly maxServices: number
  readonly maxDevelopers: number
  readonly maxAttach: number
  readonly maxAccess: number
}

const SMALL: DesignShape = {
  maxApps: 5,
  maxIdentities: 3,
  maxServices: 4,
  maxDevelopers: 3,
  maxAttach: 7,
  maxAccess: 12,
}

const roleSeed = fc.record({ kind: fc.nat(11), pick: fc.nat() })
type RoleSeed = { kind: number; pick: number }

/** Mostly roles of the target's service (so that sharing happens), then every odd case. */
function roleText(seed: RoleSeed, service: ServiceKind): string {
  const own = rolesForService(service)
  if (seed.kind < 7) return (own[seed.pick % own.length] as (typeof own)[number]).name
  if (seed.kind === 7)
    return (ALL_ROLES[seed.pick % ALL_ROLES.length] as (typeof ALL_ROLES)[number]).name
  if (seed.kind === 8) return UNKNOWN_ROLE_NAMES[seed.pick % UNKNOWN_ROLE_NAMES.length] as string
  if (seed.kind === 9) return CUSTOM_ROLE_GUIDS[seed.pick % CUSTOM_ROLE_GUIDS.length] as string
  const withId = own.filter((r) => r.id !== undefined)
  const role = withId[seed.pick % Math.max(1, withId.length)]
  // A catalog GUID, sometimes in upper case: it still names the built-in role.
  return role?.id ? (seed.kind === 10 ? role.id : role.id.toUpperCase()) : (own[0]?.name as string)
}

/**
 * Random structurally valid designs: apps of every hosting (system-assigned on or off),
 * identities, services of every kind (Key Vaults in both permission models), user and group
 * developers, attach edges (repeats included) and access edges with random `via` (absent,
 * `system`, an identity, any other node), scopes and roles (built-in names and GUIDs, unknown
 * names, custom GUIDs). Small by default, so that apps share needs and identities.
 */
export function designArbitrary(shape: Partial<DesignShape> = {}): fc.Arbitrary<Design> {
  const s = { ...SMALL, ...shape }
  return fc
    .record({
      apps: fc.array(
        fc.record({
          hosting: fc.constantFrom(...HOSTING_KINDS),
          systemAssigned: fc.constantFrom(undefined, true, false),
        }),
        { maxLength: s.maxApps },
      ),
      identities: fc.nat(s.maxIdentities),
      services: fc.array(
        fc.record({
          service: fc.constantFrom(...SERVICE_KINDS),
          permissionModel: fc.constantFrom<PermissionModel | undefined>(
            undefined,
            'rbac',
            'accessPolicy',
          ),
        }),
        { minLength: 1, maxLength: s.maxServices },
      ),
      developers: fc.array(fc.constantFrom<PrincipalKind>('user', 'group'), {
        maxLength: s.maxDevelopers,
      }),
      attach: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: s.maxAttach }),
      access: fc.array(
        fc.record({
          source: fc.nat(),
          target: fc.nat(),
          via: fc.nat(12),
          scope: fc.constantFrom<Scope | undefined>(undefined, ...SCOPES),
          roles: fc.array(roleSeed, { minLength: 1, maxLength: 3 }),
        }),
        { maxLength: s.maxAccess },
      ),
    })
    .map((seed) => {
      const nodes: DesignNode[] = []
      const apps = seed.apps.map((a, i) => {
        const id = `app${i}`
        nodes.push({
          id,
          kind: 'app',
          name: `app-${i}`,
          hosting: a.hosting as HostingKind,
          ...(a.systemAssigned !== undefined ? { systemAssigned: a.systemAssigned } : {}),
        })
        return id
      })
      const identities = Array.from({ length: seed.identities }, (_, i) => {
        nodes.push({ id: `mi${i}`, kind: 'identity', name: `mi-${i}` })
        return `mi${i}`
      })
      const services = seed.services.map((sv, i) => {
        nodes.push({
          id: `svc${i}`,
          kind: 'service',
          name: `svc-${i}`,
          service: sv.service,
          ...(sv.service === 'keyVault' && sv.permissionModel
            ? { permissionModel: sv.permissionModel }
            : {}),
        })
        return { id: `svc${i}`, kind: sv.service }
      })
      const developers = seed.developers.map((principal, i) => {
        nodes.push({ id: `dev${i}`, kind: 'developer', name: `dev-${i}`, principal })
        return `dev${i}`
      })
      const edges: DesignEdge[] = []
      if (apps.length > 0 && identities.length > 0)
        seed.attach.forEach(([a, m], i) =>
          edges.push({
            id: `at${i}`,
            kind: 'attach',
            source: apps[a % apps.length] as string,
            target: identities[m % identities.length] as string,
          }),
        )
      const sources = [...apps, ...developers]
      if (sources.length > 0)
        seed.access.forEach((x, i) => {
          const source = sources[x.source % sources.length] as string
          const target = services[x.target % services.length] as { id: string; kind: ServiceKind }
          const edge: AccessEdge = {
            id: `ac${i}`,
            kind: 'access',
            source,
            target: target.id,
            roles: [...new Set(x.roles.map((r) => roleText(r, target.kind)))],
            ...(x.scope !== undefined ? { scope: x.scope } : {}),
            ...viaFor(source.startsWith('app'), x.via, identities, nodes),
          }
          edges.push(edge)
        })
      return { name: 'Random design', nodes, edges }
    })
}

function viaFor(
  isApp: boolean,
  seed: number,
  identities: readonly string[],
  nodes: readonly DesignNode[],
): { via?: string } {
  if (!isApp || seed < 5) return {}
  if (seed < 7) return { via: 'system' }
  if (seed === 12 && nodes.length > 0) return { via: (nodes[seed % nodes.length] as DesignNode).id }
  if (identities.length === 0) return { via: 'mi-missing' }
  return { via: identities[seed % identities.length] as string }
}
