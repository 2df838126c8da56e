import type { NodeKind } from '../../model/kinds.ts'
import type { AccessEdge, AttachEdge, Design, DesignNode } from '../../model/types.ts'
import type { Finding, Offers } from '../../rules/types.ts'
import { analyze } from '../../store/derived.ts'
import { countFindings } from '../../rules/engine.ts'
import {
  accessibleNames,
  findingsPhrase,
  scopePhrase,
  spoken,
  type AccessibleNames,
} from '../a11y/names.ts'
import { findingItems, fixItems } from './outline-findings.ts'
import type { OutlineItem } from './outline-item.ts'
import { OutlineLinks } from './outline-links.ts'

const GROUP_TITLE: Record<NodeKind, string> = {
  app: 'Apps',
  identity: 'User-assigned identities',
  service: 'Services',
  developer: 'Developers',
}
const GROUP_ORDER: readonly NodeKind[] = ['app', 'identity', 'service', 'developer']

/**
 * The outline: the same design as the canvas, as a tree a screen reader and a keyboard can use.
 * Apps → their identities → the accesses through each; identities → the apps that use them and
 * what they grant; services → who reaches them and how; developers → their accesses; findings
 * (with their fixes) under what they are about. Pure: items are computed from the design, and a
 * row's children only when it is opened, so a large design costs only what is shown.
 */
export class Outline {
  private readonly names: AccessibleNames
  private readonly links: OutlineLinks
  private readonly bySubject: ReadonlyMap<string, readonly Finding[]>
  private readonly designFindings: readonly Finding[]
  private readonly offers: (finding: Finding) => Offers

  constructor(design: Design) {
    const analysis = analyze(design)
    this.names = accessibleNames(design)
    this.links = new OutlineLinks(design, analysis.index)
    this.bySubject = analysis.bySubject
    this.designFindings = analysis.findings.filter((f) => f.subject === null)
    this.offers = analysis.offers
  }

  roots(): OutlineItem[] {
    const items = GROUP_ORDER.map((kind): OutlineItem => {
      const count = this.links.nodesOf(kind).length
      return {
        key: `g:${kind}`,
        kind: 'group',
        label: `${GROUP_TITLE[kind]} (${count})`,
        subject: null,
        hasChildren: count > 0,
      }
    })
    if (this.designFindings.length > 0)
      items.push({
        key: 'g:design',
        kind: 'group',
        label: `Whole design${findingsPhrase(countFindings(this.designFindings))}`,
        subject: null,
        hasChildren: true,
      })
    return items
  }

  children(item: OutlineItem): OutlineItem[] {
    const parts = item.key.split('/')
    const last = parts[parts.length - 1] ?? ''
    const [tag, id = ''] = last.split(':') as [string, string | undefined]
    switch (item.kind) {
      case 'group':
        if (item.key === 'g:design')
          return findingItems(item.key, null, this.designFindings, this.offers)
        if (tag === 'none') return this.unresolvedOf(item.key, parts)
        return this.links.nodesOf(id as NodeKind).map((n) => this.nodeItem(item.key, n))
      case 'node':
        return this.nodeChildren(item.key, id)
      case 'identity':
        return this.identityRowChildren(item, parts)
      case 'attach':
      case 'access':
        return findingItems(item.key, id, this.findings(id), this.offers)
      case 'finding': {
        const list = item.subject === null ? this.designFindings : this.findings(item.subject)
        return fixItems(item, list[item.findingIndex ?? -1], this.offers)
      }
      case 'fix':
      case 'more':
        return []
    }
  }

  /** The keys of the rows down to a subject's main row (see OutlineLinks.pathTo). */
  pathTo(subject: string): string[] | null {
    return this.links.pathTo(subject)
  }

  private nodeItem(parent: string, node: DesignNode): OutlineItem {
    return {
      key: `${parent}/n:${node.id}`,
      kind: 'node',
      label: this.names.node(node.id),
      emphasis: spoken(node.name),
      subject: node.id,
      removes: node.id,
      hasChildren: this.findings(node.id).length > 0 || this.links.degree(node.id) > 0,
    }
  }

  private nodeChildren(key: string, id: string): OutlineItem[] {
    const node = this.links.node(id)
    if (!node) return []
    const out = findingItems(key, id, this.findings(id), this.offers)
    switch (node.kind) {
      case 'app':
        return [...out, ...this.appChildren(key, node.id, !!node.systemAssigned)]
      case 'identity':
        return [
          ...out,
          ...this.links.attachesTo(id).map((e) => this.usedByItem(key, e)),
          ...this.links
            .grantsOf('userAssigned', id)
            .map((e) =>
              this.accessItem(
                key,
                e,
                `Grants ${e.roles.join(', ')} on ${this.name(e.target)} to ${this.name(e.source)}`,
              ),
            ),
        ]
      case 'service':
        return [
          ...out,
          ...this.links.accessesTo(id).map((e) => {
            const via = this.names.via(e)
            return this.accessItem(
              key,
              e,
              `From ${this.name(e.source)}${via ? ` ${via}` : ''}: ${e.roles.join(', ')}`,
            )
          }),
        ]
      case 'developer':
        return [
          ...out,
          ...this.links.accessesFrom(id).map((e) => this.accessItem(key, e, this.accessTo(e))),
        ]
    }
  }

  /** An app's identities (system-assigned, then attached), and its accesses with none. */
  private appChildren(key: string, app: string, systemAssigned: boolean): OutlineItem[] {
    const out: OutlineItem[] = []
    if (systemAssigned) {
      const through = this.links.grantsOf('systemAssigned', app).length
      out.push({
        key: `${key}/sys`,
        kind: 'identity',
        label: `System-assigned identity, ${accesses(through)}`,
        subject: app,
        hasChildren: through > 0,
      })
    }
    for (const attach of this.links.attachesFrom(app)) {
      const through = this.links
        .grantsOf('userAssigned', attach.target)
        .filter((e) => e.source === app).length
      out.push({
        key: `${key}/u:${attach.id}`,
        kind: 'identity',
        label: `Uses identity ${this.name(attach.target)}, ${accesses(through)}${findingsPhrase(countFindings(this.findings(attach.id)))}`,
        emphasis: this.name(attach.target),
        subject: attach.id,
        removes: attach.id,
        hasChildren: through > 0 || this.findings(attach.id).length > 0,
      })
    }
    const unresolved = this.links.unresolvedFrom(app).length
    if (unresolved > 0)
      out.push({
        key: `${key}/none`,
        kind: 'group',
        label: `Accesses without an identity (${unresolved})`,
        subject: null,
        hasChildren: true,
      })
    return out
  }

  private identityRowChildren(item: OutlineItem, parts: readonly string[]): OutlineItem[] {
    const app = (parts[parts.length - 2] ?? '').slice('n:'.length)
    const last = parts[parts.length - 1] ?? ''
    const attach = last.startsWith('u:') ? this.links.edge(last.slice(2)) : undefined
    const grants =
      last === 'sys'
        ? this.links.grantsOf('systemAssigned', app)
        : attach
          ? this.links.grantsOf('userAssigned', attach.target).filter((e) => e.source === app)
          : []
    const own = attach
      ? findingItems(item.key, attach.id, this.findings(attach.id), this.offers)
      : []
    return [...own, ...grants.map((e) => this.accessItem(item.key, e, this.accessTo(e)))]
  }

  private unresolvedOf(key: string, parts: readonly string[]): OutlineItem[] {
    const app = (parts[parts.length - 2] ?? '').slice('n:'.length)
    return this.links.unresolvedFrom(app).map((e) => {
      const via = this.names.via(e)
      return this.accessItem(
        key,
        e,
        `Access to ${this.name(e.target)} ${via}: ${e.roles.join(', ')}`,
      )
    })
  }

  private usedByItem(parent: string, e: AttachEdge): OutlineItem {
    return {
      key: `${parent}/e:${e.id}`,
      kind: 'attach',
      label: `Used by ${this.name(e.source)}${findingsPhrase(countFindings(this.findings(e.id)))}`,
      emphasis: this.name(e.source),
      subject: e.id,
      removes: e.id,
      hasChildren: this.findings(e.id).length > 0,
    }
  }

  private accessTo(e: AccessEdge): string {
    return `Access to ${this.name(e.target)}: ${e.roles.join(', ')}`
  }

  private accessItem(parent: string, e: AccessEdge, text: string): OutlineItem {
    const found = this.findings(e.id)
    return {
      key: `${parent}/e:${e.id}`,
      kind: 'access',
      label: `${text}${scopePhrase(e.scope)}${findingsPhrase(countFindings(found))}`,
      subject: e.id,
      removes: e.id,
      hasChildren: found.length > 0,
    }
  }

  private findings(id: string): readonly Finding[] {
    return this.bySubject.get(id) ?? []
  }

  private name(id: string): string {
    return spoken(this.links.node(id)?.name ?? id)
  }
}

function accesses(n: number): string {
  return n === 0 ? 'no accesses' : `${n} access${n > 1 ? 'es' : ''}`
}
