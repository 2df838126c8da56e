import type { DesignIndex } from '../analysis/design-index.ts'
import type { RoleRef } from '../catalog/roles.ts'
import type { Unresolved } from '../model/queries.ts'
import type {
  AccessEdge,
  AppNode,
  DeveloperNode,
  IdentityNode,
  ServiceNode,
} from '../model/types.ts'
import type { Fixer } from './fixer.ts'
import type { Fix, RuleMeta, Severity } from './types.ts'

/** Values for a message template's `{name}` placeholders. */
export type MessageData = Readonly<Record<string, string | number>>

/** Builds fixes or suggestions on request, from what the rule saw when it reported. */
export type FixBuilder = (fixer: Fixer) => readonly Fix[]

/**
 * A rule's message with its placeholders filled (RuleContext.fill), for findings that say the
 * same: only `fill` makes one, so it is always one of the rule's own messages.
 */
export type FilledMessage<MessageId extends string> = string & {
  readonly [filledFrom]: MessageId
}
declare const filledFrom: unique symbol

/** What a rule reports: its message by id, as typescript-eslint's RuleCreator types them. */
export type Report<MessageId extends string> = ReportParts &
  (
    | { readonly messageId: MessageId; readonly data?: MessageData; readonly message?: never }
    | {
        readonly message: FilledMessage<MessageId>
        readonly messageId?: never
        readonly data?: never
      }
  )

interface ReportParts {
  readonly subject: string | null
  readonly related?: readonly string[]
  /** Overrides the rule's default severity for this finding. */
  readonly severity?: Severity
  readonly fix?: FixBuilder
  readonly suggest?: FixBuilder
}

export interface RuleContext<MessageId extends string> {
  /** The design, or the connected part of it, being checked. */
  readonly index: DesignIndex
  /** A node's name quoted for a message (see Labels). */
  label(id: string): string
  /** `label` of the node with this number (DesignIndex numbering): no lookup by id. */
  labelAt(n: number): string
  /**
   * A message filled once, to report on many subjects: thousands of edges carrying the same roles
   * to one service get one string, not one each (strings a check keeps are what its collections
   * copy).
   */
  fill(messageId: MessageId, data?: MessageData): FilledMessage<MessageId>
  report(report: Report<MessageId>): void
}

/**
 * The events the engine dispatches while it walks an index once: every node by kind (in file
 * order), every access edge (file order), every principal some edge resolves to (by number), and
 * `design` after all of them. `n` is a node number, `at` an edge position, `p` a principal number.
 */
export interface Listeners {
  app?(app: AppNode, n: number): void
  identity?(identity: IdentityNode, n: number): void
  service?(service: ServiceNode, n: number): void
  developer?(developer: DeveloperNode, n: number): void
  accessEdge?(edge: AccessEdge, at: number): void
  /** The access edges `accessEdge` needs to hear (see EdgeSelector); every edge when left out. */
  accessEdgeWhere?: EdgeSelector
  principal?(p: number): void
  design?(): void
}

/**
 * Which access edges a listener needs to hear, as ESLint's selectors narrow its listeners: the
 * walk decides each condition once per distinct role, reason or scope and reads a table per edge,
 * so the listener is not called on the many edges none holds for. An edge is heard when any
 * condition given holds; the listener still makes its own decision on what it hears.
 */
export interface EdgeSelector {
  /** Edges carrying at least one role this holds for. */
  readonly role?: (role: RoleRef) => boolean
  /** Edges that resolve to no principal, for one of these reasons. */
  readonly unresolved?: readonly Unresolved[]
  /** Edges granted above the resource (on its resource group or subscription). */
  readonly aboveResource?: true
}

/** Facts about the whole design that are sums over its connected parts. */
export interface DesignTotals {
  /** Distinct Azure RBAC grants (DesignIndex.rbacAssignmentCount). */
  readonly rbacAssignments: number
}

/** A design-wide finding: no subject, and no fixes (no part owns it). */
export interface DesignReport<MessageId extends string> {
  readonly messageId: MessageId
  readonly data?: MessageData
  readonly severity?: Severity
}

export interface DesignContext<MessageId extends string> {
  report(report: DesignReport<MessageId>): void
}

/** A rule whose findings depend only on the connected part of the design its subject is in. */
export interface ComponentRule<MessageId extends string = string> {
  readonly meta: RuleMeta<MessageId> & { readonly scope: 'component' }
  create(context: RuleContext<MessageId>): Listeners
}

/** A rule over the design-wide totals only. */
export interface DesignRule<MessageId extends string = string> {
  readonly meta: RuleMeta<MessageId> & { readonly scope: 'design' }
  create(context: DesignContext<MessageId>): { design(totals: DesignTotals): void }
}

export type Rule = ComponentRule | DesignRule

/**
 * Defines a rule. The message ids are the keys of `meta.messages`: reporting any other id is a
 * compile error (typescript-eslint's RuleCreator does the same).
 */
export function createRule<M extends string>(rule: ComponentRule<M>): ComponentRule<M>
export function createRule<M extends string>(rule: DesignRule<M>): DesignRule<M>
export function createRule<M extends string>(
  rule: ComponentRule<M> | DesignRule<M>,
): ComponentRule<M> | DesignRule<M> {
  return rule
}
