import type { HostingKind, PrincipalKind, Scope, ServiceKind } from '@/model/kinds.ts'
import type {
  AccessEdge,
  AppNode,
  Design,
  DesignEdge,
  DesignNode,
  DeveloperNode,
  IdentityNode,
  ServiceNode,
} from '@/model/types.ts'

/**
 * A small fluent builder for designs in tests:
 *   design().app('api', { systemAssigned: true }).service('st', 'storage')
 *     .access('api', 'st', ['Storage Blob Data Reader'], { via: 'system' }).build()
 * Names default to ids; edge ids default to `source-target` (with a counter when repeated).
 */
export class DesignBuilder {
  private readonly nodes: DesignNode[] = []
  private readonly edges: DesignEdge[] = []
  private name = 'Test design'

  named(name: string): this {
    this.name = name
    return this
  }

  app(
    id: string,
    opts: Partial<Omit<AppNode, 'id' | 'kind'>> & { hosting?: HostingKind } = {},
  ): this {
    this.nodes.push({ id, kind: 'app', name: id, hosting: 'appService', ...opts })
    return this
  }

  identity(id: string, opts: Partial<Omit<IdentityNode, 'id' | 'kind'>> = {}): this {
    this.nodes.push({ id, kind: 'identity', name: id, ...opts })
    return this
  }

  service(
    id: string,
    service: ServiceKind,
    opts: Partial<Omit<ServiceNode, 'id' | 'kind' | 'service'>> = {},
  ): this {
    this.nodes.push({ id, kind: 'service', name: id, service, ...opts })
    return this
  }

  developer(
    id: string,
    principal: PrincipalKind = 'group',
    opts: Partial<Omit<DeveloperNode, 'id' | 'kind' | 'principal'>> = {},
  ): this {
    this.nodes.push({ id, kind: 'developer', name: id, principal, ...opts })
    return this
  }

  attach(app: string, identity: string, id = this.edgeId(app, identity)): this {
    this.edges.push({ id, kind: 'attach', source: app, target: identity })
    return this
  }

  access(
    source: string,
    target: string,
    roles: readonly string[],
    opts: { via?: string; scope?: Scope; id?: string } = {},
  ): this {
    const edge: AccessEdge = {
      id: opts.id ?? this.edgeId(source, target),
      kind: 'access',
      source,
      target,
      roles,
      ...(opts.via !== undefined ? { via: opts.via } : {}),
      ...(opts.scope !== undefined ? { scope: opts.scope } : {}),
    }
    this.edges.push(edge)
    return this
  }

  build(): Design {
    return { name: this.name, nodes: [...this.nodes], edges: [...this.edges] }
  }

  private edgeId(source: string, target: string): string {
    const base = `${source}-${target}`
    let id = base
    for (let i = 2; this.edges.some((e) => e.id === id) || this.nodes.some((n) => n.id === id); i++)
      id = `${base}-${i}`
    return id
  }
}

export const design = (): DesignBuilder => new DesignBuilder()
