import type { HostingKind, PermissionModel, PrincipalKind, Scope, ServiceKind } from './kinds.ts'

export interface Position {
  readonly x: number
  readonly y: number
}

/** Binding of a node to real Azure resources (PRODUCT.md §4). Unknown keys are kept. */
export interface AzureBinding {
  readonly resourceId?: string
  readonly principalId?: string
  readonly subscriptionId?: string
  readonly resourceGroup?: string
  readonly location?: string
  readonly [extra: string]: unknown
}

/**
 * Fields a file carries that this version does not know. They ride along on the object they came
 * with and are written back on save, so a newer tool's data survives a round trip through ours.
 */
export type Extras = Readonly<Record<string, unknown>>

interface NodeBase {
  readonly id: string
  readonly name: string
  readonly position?: Position
  readonly azure?: AzureBinding
  readonly extras?: Extras
}

export interface AppNode extends NodeBase {
  readonly kind: 'app'
  readonly hosting: HostingKind
  readonly systemAssigned?: boolean
}

export interface IdentityNode extends NodeBase {
  readonly kind: 'identity'
}

export interface ServiceNode extends NodeBase {
  readonly kind: 'service'
  readonly service: ServiceKind
  readonly permissionModel?: PermissionModel
}

export interface DeveloperNode extends NodeBase {
  readonly kind: 'developer'
  readonly principal: PrincipalKind
}

export type DesignNode = AppNode | IdentityNode | ServiceNode | DeveloperNode

export interface AttachEdge {
  readonly id: string
  readonly kind: 'attach'
  readonly source: string
  readonly target: string
  readonly extras?: Extras
}

export interface AccessEdge {
  readonly id: string
  readonly kind: 'access'
  readonly source: string
  readonly target: string
  readonly roles: readonly string[]
  readonly scope?: Scope
  readonly via?: string
  readonly extras?: Extras
}

export type DesignEdge = AttachEdge | AccessEdge

export interface Design {
  readonly name: string
  readonly nodes: readonly DesignNode[]
  readonly edges: readonly DesignEdge[]
  readonly extras?: Extras
}

/**
 * The node fields an edit may set: never `id` or `kind` (remove and add instead). A field set to
 * `undefined` is removed. Fields that do not belong to the node's kind are refused by applyEdits.
 */
export type NodeFields = Partial<
  Omit<AppNode, 'id' | 'kind'> &
    Omit<ServiceNode, 'id' | 'kind'> &
    Omit<DeveloperNode, 'id' | 'kind'>
>

/** The access-edge fields an edit may set (`source`, `target` and `kind` are fixed). */
export type EdgeFields = Partial<Pick<AccessEdge, 'roles' | 'scope' | 'via' | 'extras'>>
