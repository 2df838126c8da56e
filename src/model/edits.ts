import { assertNever } from '../lib/assert.ts'
import { err, ok, type Result } from '../lib/result.ts'
import { describeValue } from './problems.ts'
import { KNOWN_KEYS, edgeSchemas, nodeSchemas } from './schema.ts'
import { ENDPOINT_KINDS, describeEndpointRule, kindPhrase } from './structure.ts'
import { edgeToJson, nodeToJson } from './serialize.ts'
import type {
  AzureBinding,
  Design,
  DesignEdge,
  DesignNode,
  EdgeFields,
  NodeFields,
} from './types.ts'
import { parseArmId } from './arm-id.ts'
import { bindingArmType, subscriptionProblems } from './bindings.ts'
import { describeIssue } from './zod-issues.ts'
import { characterCount, NAME_MAX } from './kinds.ts'
import { ItemsById } from '../lib/items-by-id.ts'
import { positionOf, samePositions } from './id-positions.ts'

/**
 * Every change to a design is one of these. The canvas, the inspector, quick fixes, optimize and
 * undo all produce edit lists, and applyEdits is the one function that applies them.
 */
export type Edit =
  | { readonly type: 'addNode'; readonly node: DesignNode }
  | { readonly type: 'updateNode'; readonly id: string; readonly set: NodeFields }
  | { readonly type: 'removeNode'; readonly id: string }
  | { readonly type: 'addEdge'; readonly edge: DesignEdge }
  | { readonly type: 'updateEdge'; readonly id: string; readonly set: EdgeFields }
  | { readonly type: 'removeEdge'; readonly id: string }
  | { readonly type: 'renameDesign'; readonly name: string }

export interface EditError {
  /** Index of the refused edit in the list. */
  readonly index: number
  readonly message: string
}

export interface ApplyOptions {
  /**
   * Check each added or changed node and edge against the file format's schema, and each added
   * edge's endpoints and their kinds (default). Only a caller whose edits are valid by
   * construction, and proven so by its tests, switches it off (optimize: its edits on large
   * designs would spend most of their time in these checks). Ids are checked either way: an edit
   * that reuses one is refused.
   */
  readonly validate?: boolean
}

/**
 * Applies edits in order, all or nothing: if one would make the design invalid, the result says
 * which and why, and the caller keeps its design. Unchanged nodes and edges keep their identity.
 */
export function applyEdits(
  design: Design,
  edits: readonly Edit[],
  options: ApplyOptions = {},
): Result<Design, EditError> {
  const validate = options.validate ?? true
  const inPlace = edits.every((e) => e.type === 'updateNode' || e.type === 'updateEdge')
  return applyTo(inPlace ? new InPlace(design, validate) : new Workspace(design, validate), edits)
}

/**
 * applyEdits in two steps, for a caller that must know which ids a design uses before it makes
 * its edits (optimize hands out fresh ids): `isTaken` answers from the maps applyEdits builds
 * anyway, so the caller builds no set of its own. `apply` may be called once.
 */
export interface EditDraft {
  isTaken(id: string): boolean
  apply(edits: readonly Edit[]): Result<Design, EditError>
}

export function editDraft(design: Design, options: ApplyOptions = {}): EditDraft {
  const work = new Workspace(design, options.validate ?? true)
  let used = false
  return {
    isTaken: (id) => work.idTaken(id),
    apply(edits) {
      if (used) throw new Error('an edit draft is applied once')
      used = true
      return applyTo(work, edits)
    },
  }
}

function applyTo(work: Work, edits: readonly Edit[]): Result<Design, EditError> {
  let lastBinding = -1
  // By position: this loop runs once per draft, tens of thousands of edits long, mostly before
  // the optimizing compiler takes it, and there `for…of` makes an object (and a pair) per step.
  for (let index = 0; index < edits.length; index++) {
    const edit = edits[index] as Edit
    const message = work.apply(edit)
    if (message !== undefined) return err({ index, message })
    if (setsBinding(edit)) lastBinding = index
  }
  const result = work.result()
  // One subscription per design (bindings.ts), checked only when a binding changed.
  const split = lastBinding < 0 ? undefined : subscriptionProblems(result.nodes)[0]
  if (split) return err({ index: lastBinding, message: `${split.path}: ${split.message}` })
  return ok(result)
}

const setsBinding = (edit: Edit): boolean =>
  (edit.type === 'addNode' && edit.node.azure !== undefined) ||
  (edit.type === 'updateNode' && 'azure' in edit.set)

/** Where an edit list is applied: `apply` says why an edit is refused, `result` is the design. */
interface Work {
  apply(edit: Edit): string | undefined
  result(): Design
}

/**
 * The work of an edit list that only updates nodes and edges: the design's lists copied once, each
 * changed item put where it was, found through positions shared with earlier versions of the list
 * (id-positions.ts) instead of maps of every node and edge (Workspace).
 */
class InPlace implements Work {
  private nodes?: DesignNode[]
  private edges?: DesignEdge[]

  private readonly base: Design
  private readonly validate: boolean

  constructor(base: Design, validate: boolean) {
    this.base = base
    this.validate = validate
  }

  apply(edit: Edit): string | undefined {
    if (edit.type === 'updateNode') {
      const nodes = replaced(this.base.nodes, this.nodes, edit.id, (node) =>
        updatedNode(node, edit, this.validate),
      )
      if (typeof nodes === 'string') return nodes
      this.nodes = nodes
    } else if (edit.type === 'updateEdge') {
      const edges = replaced(this.base.edges, this.edges, edit.id, (edge) =>
        updatedEdge(edge, edit, this.validate),
      )
      if (typeof edges === 'string') return edges
      this.edges = edges
    } else throw new Error(`${edit.type} is not an update in place`)
    return undefined
  }

  result(): Design {
    const nodes = this.nodes ?? [...this.base.nodes]
    const edges = this.edges ?? [...this.base.edges]
    samePositions(this.base.nodes, nodes)
    samePositions(this.base.edges, edges)
    return { ...this.base, nodes, edges }
  }
}

class Workspace implements Work {
  private name: string
  private readonly nodes: ItemsById<DesignNode>
  private readonly edges: ItemsById<DesignEdge>
  private readonly base: Design
  /**
   * Nodes removed by the current run of consecutive removeNode edits, whose edges are not dropped
   * yet: the first such run drops them all in one pass over the edges (`settle`, before the next
   * other edit), which costs far less than indexing every edge by node (optimize removes a
   * thousand identities from a design of 90,000 edges, then adds 30,000 edges).
   */
  private pending: Set<string> | null = null
  private settled = false
  /** Edge ids per node, built when a second run of removals comes, so many stay linear. */
  private incident: Map<string, Set<string>> | null = null

  private readonly validate: boolean
  /** The update functions, made once per list of edits rather than once per edit. */
  private readonly updateNode: (
    node: DesignNode | undefined,
    edit: UpdateNode,
  ) => DesignNode | string
  private readonly updateEdge: (
    edge: DesignEdge | undefined,
    edit: UpdateEdge,
  ) => DesignEdge | string

  constructor(design: Design, validate: boolean) {
    this.base = design
    this.validate = validate
    this.updateNode = (node, edit) => updatedNode(node, edit, validate)
    this.updateEdge = (edge, edit) => updatedEdge(edge, edit, validate)
    this.name = design.name
    this.nodes = new ItemsById(design.nodes)
    this.edges = new ItemsById(design.edges)
  }

  result(): Design {
    this.settle()
    return {
      ...this.base,
      name: this.name,
      nodes: this.nodes.values(),
      edges: this.edges.values(),
    }
  }

  /** Applies one edit; returns why it was refused, or undefined. */
  apply(edit: Edit): string | undefined {
    if (edit.type !== 'removeNode') this.settle()
    switch (edit.type) {
      case 'addNode': {
        // Added before it is validated, in one lookup: a refused edit discards the whole work.
        if (this.edges.has(edit.node.id) || !this.nodes.add(edit.node))
          return `id ${JSON.stringify(edit.node.id)} is already used`
        return this.validate ? validateNode(edit.node) : undefined
      }
      case 'updateNode':
        return this.nodes.update(edit.id, this.updateNode, edit)
      case 'removeNode': {
        if (!this.nodes.delete(edit.id)) return `no node with id ${JSON.stringify(edit.id)}`
        if (!this.settled) {
          ;(this.pending ??= new Set()).add(edit.id)
          return undefined
        }
        for (const edgeId of this.incidentTo(edit.id)) this.dropEdge(edgeId)
        this.incident?.delete(edit.id)
        return undefined
      }
      case 'addEdge': {
        // As addNode: added first, in one lookup.
        if (this.nodes.has(edit.edge.id) || !this.edges.add(edit.edge))
          return `id ${JSON.stringify(edit.edge.id)} is already used`
        if (this.validate) {
          const invalid = validateEdge(edit.edge) ?? this.checkEndpoints(edit.edge)
          if (invalid) return invalid
        }
        this.link(edit.edge)
        return undefined
      }
      case 'updateEdge':
        return this.edges.update(edit.id, this.updateEdge, edit)
      case 'removeEdge':
        if (!this.edges.has(edit.id)) return `no edge with id ${JSON.stringify(edit.id)}`
        this.dropEdge(edit.id)
        return undefined
      case 'renameDesign': {
        const length = characterCount(edit.name)
        if (length < 1 || length > NAME_MAX) return `name must be 1–${NAME_MAX} characters`
        this.name = edit.name
        return undefined
      }
      default:
        return assertNever(edit, 'edit')
    }
  }

  /** Drops the edges of the nodes the first run of removals removed (see `pending`). */
  private settle(): void {
    const pending = this.pending
    if (!pending) return
    this.edges.deleteWhere((edge) => pending.has(edge.source) || pending.has(edge.target))
    this.pending = null
    this.settled = true
  }

  private incidentTo(node: string): string[] {
    if (!this.incident) {
      this.incident = new Map()
      const edges = this.edges.values()
      for (let i = 0; i < edges.length; i++) this.link(edges[i] as DesignEdge)
    }
    return [...(this.incident.get(node) ?? [])]
  }

  private link(edge: DesignEdge): void {
    if (!this.incident) return
    for (const end of [edge.source, edge.target]) {
      const set = this.incident.get(end)
      if (set) set.add(edge.id)
      else this.incident.set(end, new Set([edge.id]))
    }
  }

  private dropEdge(id: string): void {
    const edge = this.edges.get(id)
    if (!edge) return
    this.edges.delete(id)
    this.incident?.get(edge.source)?.delete(id)
    this.incident?.get(edge.target)?.delete(id)
  }

  idTaken(id: string): boolean {
    return this.nodes.has(id) || this.edges.has(id)
  }

  private checkEndpoints(edge: DesignEdge): string | undefined {
    for (const end of ['source', 'target'] as const) {
      const node = this.nodes.get(edge[end])
      if (!node) return `${end}: no node with id ${JSON.stringify(edge[end])}`
      if (!(ENDPOINT_KINDS[edge.kind][end] as readonly string[]).includes(node.kind)) {
        return `an ${edge.kind} edge's ${end} must be ${describeEndpointRule(edge.kind, end)}, but ${JSON.stringify(node.id)} is ${kindPhrase(node.kind)}`
      }
    }
    return undefined
  }
}

/**
 * The copy of `base` (made on the first change) with the item of this id as `update` leaves it,
 * or why `update` refuses. The item is found by its position in `base`: ids never change.
 */
function replaced<T extends { readonly id: string }>(
  base: readonly T[],
  copy: T[] | undefined,
  id: string,
  update: (item: T | undefined) => T | string,
): T[] | string {
  const at = positionOf(base, id)
  const next = update(at === undefined ? undefined : (copy ?? base)[at])
  if (typeof next === 'string') return next
  const out = copy ?? [...base]
  out[at as number] = next
  return out
}

type UpdateNode = Extract<Edit, { type: 'updateNode' }>
type UpdateEdge = Extract<Edit, { type: 'updateEdge' }>

/** The node as the edit leaves it, or why the edit is refused. */
function updatedNode(
  node: DesignNode | undefined,
  edit: UpdateNode,
  validate: boolean,
): DesignNode | string {
  if (!node) return `no node with id ${JSON.stringify(edit.id)}`
  const foreign = Object.keys(edit.set).find(
    (key) => key !== 'extras' && !(KNOWN_KEYS[node.kind] as readonly string[]).includes(key),
  )
  if (foreign) return `${kindPhrase(node.kind)} has no field ${JSON.stringify(foreign)}`
  if ('id' in edit.set || 'kind' in edit.set) return 'id and kind cannot be changed'
  const changed = withFields(node, edit.set) as DesignNode
  const rekinded = ('hosting' in edit.set || 'service' in edit.set) && !('azure' in edit.set)
  const next = rekinded ? dropStaleResourceId(changed) : changed
  return (validate ? validateNode(next) : undefined) ?? next
}

/** The edge as the edit leaves it, or why the edit is refused. */
function updatedEdge(
  edge: DesignEdge | undefined,
  edit: UpdateEdge,
  validate: boolean,
): DesignEdge | string {
  if (!edge) return `no edge with id ${JSON.stringify(edit.id)}`
  if (edge.kind !== 'access') return 'only access edges have roles, scope and via'
  const next = withFields(edge, edit.set) as DesignEdge
  return (validate ? validateEdge(next) : undefined) ?? next
}

/** A copy with fields set; a field set to undefined is removed. */
function withFields<T extends object>(item: T, set: object): T {
  const next: Record<string, unknown> = { ...(item as Record<string, unknown>) }
  // for…in, not Object.keys or entries: no list per edit (optimize applies tens of thousands of
  // these). An edit's `set` is a plain object, so only its own keys are enumerable.
  for (const key in set) {
    if (!Object.hasOwn(set, key)) continue
    const value = (set as Record<string, unknown>)[key]
    if (value === undefined) delete next[key]
    else next[key] = value
  }
  return next as T
}

/**
 * A new hosting or service kind binds to another ARM type: the resource id of the old one no longer
 * names this node's resource, so the change drops it (the rest of the binding stays; undo brings it
 * back) instead of refusing the change or keeping an id apply would grant on.
 */
function dropStaleResourceId(node: DesignNode): DesignNode {
  const id = node.azure?.resourceId
  if (id === undefined) return node
  const parsed = parseArmId(id)
  const type = bindingArmType(node)
  if (!parsed.ok || !type || parsed.value.type?.toLowerCase() === type.toLowerCase()) return node
  const { resourceId: _stale, ...azure } = node.azure as AzureBinding
  return { ...node, azure }
}

function validateNode(node: DesignNode): string | undefined {
  const schema = nodeSchemas[node.kind]
  if (!schema) return `unknown node kind ${describeValue((node as { kind: unknown }).kind)}`
  return firstIssue(schema.safeParse(nodeToJson(node), { error: describeIssue }))
}

function validateEdge(edge: DesignEdge): string | undefined {
  const schema = edgeSchemas[edge.kind]
  if (!schema) return `unknown edge kind ${describeValue((edge as { kind: unknown }).kind)}`
  return firstIssue(schema.safeParse(edgeToJson(edge), { error: describeIssue }))
}

function firstIssue(result: {
  success: boolean
  error?: { issues: readonly { path: PropertyKey[]; message: string }[] }
}): string | undefined {
  const issue = result.error?.issues[0]
  if (result.success || !issue) return undefined
  return `${issue.path.map(String).join('.') || 'value'}: ${issue.message}`
}
