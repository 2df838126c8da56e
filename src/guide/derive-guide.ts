import { DesignIndex } from '../analysis/design-index.ts'
import { PUBLIC_CLOUD_NAME, type CloudName } from '../catalog/clouds.ts'
import { HOSTING } from '../catalog/hosting.ts'
import { roleKey, type RoleRef } from '../catalog/roles.ts'
import { serviceEndpoint } from '../catalog/services.ts'
import { azureName } from '../model/bindings.ts'
import type { PrincipalRef } from '../model/queries.ts'
import type { AppNode, Design, DeveloperNode } from '../model/types.ts'
import { appSettingsFor } from '../plan/app-settings.ts'
import { principalName } from '../plan/derive.ts'
import { clientsFor, sendReceive } from './clients.ts'
import { appNotes, developerNotes } from './notes.ts'
import type {
  AppGuide,
  ConnectionGuide,
  DeveloperAccess,
  DeveloperGuide,
  GuideConnection,
  GuideCredential,
  GuideSetting,
} from './types.ts'

export interface GuideOptions {
  /** Client IDs of identities that exist in Azure (from binding); else the node's `azure.clientId`. */
  clientIdOf?(identityNode: string): string | undefined
  /** The cloud whose endpoints and token audiences the code uses (default: the public cloud). */
  cloud?: CloudName
}

/**
 * The connection guide of a design: per app, the client-ID settings (the very ones the plan's
 * setAppSettings actions carry, from appSettingsFor), one credential per setting, and one
 * connection per (service, identity) with the clients its roles call for; per developer, what
 * they hold for local development. Pure: the same design gives the same guide.
 */
export function connectionGuide(design: Design, options: GuideOptions = {}): ConnectionGuide {
  const index = new DesignIndex(design)
  const cloud = options.cloud ?? PUBLIC_CLOUD_NAME
  const apps = design.nodes.flatMap((n) =>
    n.kind === 'app' ? [appGuide(index, n, options, cloud)] : [],
  )
  const developers = design.nodes.flatMap((n) =>
    n.kind === 'developer' ? [developerGuide(index, n, cloud)] : [],
  )
  return {
    design: design.name,
    ...(cloud === PUBLIC_CLOUD_NAME ? {} : { cloud }),
    apps,
    developers,
  }
}

function clientIdOf(index: DesignIndex, identity: string, options: GuideOptions) {
  const bound = options.clientIdOf?.(identity)
  if (bound) return bound
  const fromDesign = index.node(identity)?.azure?.['clientId']
  return typeof fromDesign === 'string' && fromDesign !== '' ? fromDesign : undefined
}

function appGuide(
  index: DesignIndex,
  app: AppNode,
  options: GuideOptions,
  cloud: CloudName,
): AppGuide {
  const settings: GuideSetting[] = appSettingsFor(index, app.id).map((s) => {
    const value = clientIdOf(index, s.identity, options)
    return {
      ...s,
      identityName: index.node(s.identity)?.name ?? s.identity,
      ...(value ? { value } : {}),
    }
  })
  const groups = new Map<string, { principal: PrincipalRef; service: string; roles: RoleRef[] }>()
  const unresolved: { edge: string; service: string }[] = []
  for (const edge of index.accessEdges) {
    if (edge.source !== app.id) continue
    const r = index.resolutionOf(edge.id)
    if (!r.resolved) {
      unresolved.push({ edge: edge.id, service: edge.target })
      continue
    }
    const key = `${r.principal.type}:${r.principal.node}|${edge.target}`
    const group = groups.get(key) ?? { principal: r.principal, service: edge.target, roles: [] }
    for (const role of index.rolesOf(edge.id))
      if (!group.roles.some((x) => roleKey(x) === roleKey(role))) group.roles.push(role)
    groups.set(key, group)
  }
  const credentials: GuideCredential[] = []
  const connections: GuideConnection[] = []
  for (const group of groups.values()) {
    const node = index.node(group.service)
    if (node?.kind !== 'service') continue
    const credential = credentialOf(
      index,
      group.principal,
      group.service,
      settings,
      app.hosting === 'aksWorkload',
    )
    if (!credentials.some((c) => c.key === credential.key)) credentials.push(credential)
    const roles = group.roles.filter((r) => r.kind !== 'unknown').map(roleKey)
    const resourceName = azureName(node)
    connections.push({
      service: node.id,
      serviceName: node.name,
      resourceName,
      serviceKind: node.service,
      endpoint: serviceEndpoint(node.service, resourceName, cloud),
      credential,
      roles,
      clients: clientsFor(node.service, resourceName, group.roles, cloud),
      ...sendReceive(roles),
      // The user the plan's script creates for the identity (its resource name).
      ...(node.service === 'postgresql' || node.service === 'mysql'
        ? { databaseUser: principalName(index, group.principal) }
        : {}),
    })
  }
  const guide = {
    app: app.id,
    name: app.name,
    hosting: app.hosting,
    settingsTarget: HOSTING[app.hosting].settings,
    settings,
    credentials,
    connections,
    unresolved,
  }
  return { ...guide, notes: appNotes(index, guide, cloud) }
}

function credentialOf(
  index: DesignIndex,
  principal: PrincipalRef,
  service: string,
  settings: readonly GuideSetting[],
  workload: boolean,
): GuideCredential {
  if (principal.type !== 'userAssigned')
    return { key: 'system', identity: 'system', label: 'system-assigned identity' }
  const federated = workload ? { workload: true } : {}
  const label = `user-assigned identity ${index.node(principal.node)?.name ?? principal.node}`
  const setting =
    settings.find((s) => s.identity === principal.node && s.service === service) ??
    settings.find((s) => s.identity === principal.node && s.service === undefined)
  return setting
    ? { key: setting.name, identity: principal.node, setting: setting.name, label, ...federated }
    : { key: `identity:${principal.node}`, identity: principal.node, label, ...federated }
}

function developerGuide(index: DesignIndex, dev: DeveloperNode, cloud: CloudName): DeveloperGuide {
  const access: DeveloperAccess[] = []
  for (const grant of index.grantsByPrincipal.get(`developer:${dev.id}`) ?? []) {
    const node = index.node(grant.service)
    if (node?.kind !== 'service') continue
    const entry = access.find((a) => a.service === grant.service && a.scope === grant.scope)
    if (entry) {
      if (!entry.roles.includes(grant.roleKey))
        access[access.indexOf(entry)] = { ...entry, roles: [...entry.roles, grant.roleKey] }
    } else
      access.push({
        service: node.id,
        serviceName: node.name,
        serviceKind: node.service,
        roles: [grant.roleKey],
        scope: grant.scope,
      })
  }
  const guide = { developer: dev.id, name: dev.name, principal: dev.principal, access }
  return { ...guide, notes: developerNotes(guide, cloud) }
}
