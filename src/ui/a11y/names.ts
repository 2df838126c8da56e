import { HOSTING } from '../../catalog/hosting.ts'
import { SERVICES } from '../../catalog/services.ts'
import { assertNever } from '../../lib/assert.ts'
import type { Scope } from '../../model/kinds.ts'
import type { AccessEdge, Design, DesignEdge, DesignNode } from '../../model/types.ts'
import { countFindings } from '../../rules/engine.ts'
import { analyze } from '../../store/derived.ts'
import { byId } from '../../lib/by-id.ts'

/**
 * What screen readers say for each node and edge of a design, on the canvas and in the outline:
 * what it is, its name, what matters about it, and its findings. For example
 * "App contoso-web-1, App Service, system-assigned off, 2 errors" or "Access from contoso-web-1 to
 * receiptstore through mi-shared-storage: Storage Blob Data Contributor". Pure: from the design
 * (and the findings derived from it) only, so any view can call it.
 */
export interface AccessibleNames {
  node(id: string): string
  edge(id: string): string
  /** How an access edge's identity reads: "through mi-shared-storage", "with no identity chosen". */
  via(edge: AccessEdge): string
}

const cache = new WeakMap<Design, AccessibleNames>()

/** The names of one design version, computed on demand and kept while the design lives. */
export function accessibleNames(design: Design): AccessibleNames {
  let names = cache.get(design)
  if (!names) {
    names = build(design)
    cache.set(design, names)
  }
  return names
}

/** ", 2 errors, 1 warning, 3 suggestions": only the severities present; empty when none. */
export function findingsPhrase(counts: {
  readonly error: number
  readonly warning: number
  readonly info: number
}): string {
  const parts = [
    plural(counts.error, 'error'),
    plural(counts.warning, 'warning'),
    plural(counts.info, 'suggestion'),
  ].filter((p) => p !== '')
  return parts.length === 0 ? '' : `, ${parts.join(', ')}`
}

const SCOPE_PHRASE: Record<Scope, string> = {
  resource: '',
  resourceGroup: ', on its whole resource group',
  subscription: ', on the whole subscription',
}

/** ", on the whole subscription": a scope broader than the resource; empty for the resource. */
export function scopePhrase(scope: Scope | undefined): string {
  return SCOPE_PHRASE[scope ?? 'resource']
}

/** "App Service", "Storage account", "User-assigned identity": what kind of node it is. */
export function kindLabel(node: DesignNode): string {
  switch (node.kind) {
    case 'app':
      return HOSTING[node.hosting].label
    case 'identity':
      return 'User-assigned identity'
    case 'service':
      return SERVICES[node.service].label
    case 'developer':
      return node.principal === 'group' ? 'Developer group' : 'Developer'
    default:
      return assertNever(node, 'node kind')
  }
}

function build(design: Design): AccessibleNames {
  const analysis = analyze(design)
  const { index } = analysis
  const nameOf = (id: string): string => spoken(index.node(id)?.name ?? id)
  const findings = (id: string): string => {
    const list = analysis.bySubject.get(id)
    return list ? findingsPhrase(countFindings(list)) : ''
  }
  const nodes = new Map<string, string>()
  const edges = new Map<string, string>()

  const nodeText = (node: DesignNode): string => {
    const name = spoken(node.name)
    switch (node.kind) {
      case 'app':
        return `App ${name}, ${kindLabel(node)}, system-assigned ${node.systemAssigned ? 'on' : 'off'}`
      case 'identity': {
        const apps = index.appsOf(node.id).length
        return `User-assigned identity ${name}, ${apps === 0 ? 'not attached' : `used by ${apps} app${apps > 1 ? 's' : ''}`}`
      }
      case 'service':
        return `Service ${name}, ${kindLabel(node)}${
          node.service === 'keyVault'
            ? node.permissionModel === 'accessPolicy'
              ? ', access policies'
              : ', Azure RBAC'
            : ''
        }`
      case 'developer':
        return `${kindLabel(node)} ${name}`
      default:
        return assertNever(node, 'node kind')
    }
  }

  const via = (edge: AccessEdge): string => {
    if (index.node(edge.source)?.kind !== 'app') return ''
    const r = index.resolutionOf(edge.id)
    if (r.resolved)
      return r.principal.type === 'systemAssigned'
        ? 'through its system-assigned identity'
        : `through ${nameOf(r.principal.node)}`
    switch (r.reason) {
      case 'noIdentity':
        return 'with no identity (the app has none)'
      case 'ambiguous':
        return 'with no identity chosen'
      case 'notOnApp':
        // An empty `via` loads (rules judge it): there is no name to read out.
        return edge.via === 'system'
          ? 'through its system-assigned identity, which is off'
          : edge.via === ''
            ? 'through an empty identity name (via ""), which names none of its identities'
            : `through ${nameOf(edge.via ?? '')}, not one of its identities`
      default:
        return assertNever(r.reason, 'unresolved reason')
    }
  }

  const edgeText = (edge: DesignEdge): string => {
    if (edge.kind === 'attach') return `${nameOf(edge.source)} uses identity ${nameOf(edge.target)}`
    const through = via(edge)
    return `Access from ${nameOf(edge.source)} to ${nameOf(edge.target)}${through ? ` ${through}` : ''}: ${edge.roles.join(', ')}${scopePhrase(edge.scope)}`
  }

  const edgeById = byId(design.edges)
  return {
    node: remembered(nodes, (id) => {
      const node = index.node(id)
      return node ? nodeText(node) + findings(id) : id
    }),
    edge: remembered(edges, (id) => {
      const edge = edgeById.get(id)
      return edge ? edgeText(edge) + findings(id) : id
    }),
    via,
  }
}

/** `compute`, each id's answer kept in `memo` after its first call. */
function remembered(memo: Map<string, string>, compute: (id: string) => string) {
  return (id: string): string => {
    let text = memo.get(id)
    if (text === undefined) {
      text = compute(id)
      memo.set(id, text)
    }
    return text
  }
}

/** A name as it is read out: control characters (newlines, terminal escapes) become spaces. */
export function spoken(name: string): string {
  return CONTROL.test(name) ? name.replace(CONTROLS, ' ') : name
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]+/g

function plural(n: number, word: string): string {
  return n === 0 ? '' : `${n} ${word}${n > 1 ? 's' : ''}`
}
