import type { Edit } from '../../model/edits.ts'
import type { AccessEdge } from '../../model/types.ts'
import type { Fixer } from '../fixer.ts'
import type { Fix } from '../types.ts'
import { addIdentity } from './new-identity.ts'
import { messageQuote } from '../../lib/encode/message.ts'

/** A workload principal: an app's system-assigned identity or a user-assigned identity. */
export interface Member {
  readonly type: 'systemAssigned' | 'userAssigned'
  readonly node: string
  /** Its principal number (DesignIndex). */
  readonly principal: number
}

/**
 * One new user-assigned identity takes over the access of every member: it is attached to each
 * app that used a member, their edges name it as `via`, and each app lets go of the member it
 * used (system-assigned switched off, identity detached; an identity left on no app is removed).
 * Every app gains one identity and loses at least one, so no hosting limit is crossed.
 */
export function shareIdentityFix(fixer: Fixer, members: readonly Member[]): Fix | undefined {
  const { index } = fixer
  const moved = members.map((m) => {
    // An indexed loop: iterating a typed array makes an object per step.
    const positions = index.edgesOfPrincipal(m.principal)
    const edges = new Array<AccessEdge>(positions.length)
    for (let k = 0; k < positions.length; k++) edges[k] = index.accessEdge(positions[k] as number)
    return edges
  })
  const apps: string[] = []
  const services: string[] = []
  const seenApps = new Set<string>()
  const seenServices = new Set<string>()
  for (const edges of moved)
    for (const edge of edges) {
      if (!seenApps.has(edge.source)) apps.push(edge.source)
      if (!seenServices.has(edge.target)) services.push(edge.target)
      seenApps.add(edge.source)
      seenServices.add(edge.target)
    }
  if (apps.length === 0) return undefined
  const edits: Edit[] = []
  const id = addIdentity(fixer, fixer.newIds(), services, apps, edits)
  for (const edges of moved)
    for (const edge of edges) edits.push({ type: 'updateEdge', id: edge.id, set: { via: id } })
  for (const member of members) {
    if (member.type === 'systemAssigned') {
      edits.push({ type: 'updateNode', id: member.node, set: { systemAssigned: false } })
      continue
    }
    const attached = index.appsOf(member.node)
    const leaving = attached.filter((app) => seenApps.has(app))
    if (leaving.length === attached.length) {
      edits.push({ type: 'removeNode', id: member.node })
      continue
    }
    for (const app of leaving)
      for (const attach of fixer.attachEdges(app, member.node))
        edits.push({ type: 'removeEdge', id: attach })
  }
  const added = edits.find((e) => e.type === 'addNode' && e.node.id === id)
  const name = added?.type === 'addNode' ? added.node.name : id
  return { title: `Share one new user-assigned identity ${messageQuote(name)} among them`, edits }
}
