import type * as z from 'zod/mini'
import { err, ok, type Result } from '../lib/result.ts'
import { subscriptionProblems } from './bindings.ts'
import { EDGE_KINDS, NODE_KINDS } from './kinds.ts'
import { MAX_DESIGN_CHARS, nestingProblem, tooLargeProblem } from './limits.ts'
import { migrateDocument } from './migrate.ts'
import { describeValue, DOCUMENT_PATH, type Problem } from './problems.ts'
import { isRecord, splitKnown } from './records.ts'
import { edgeSchemas, headerSchema, KNOWN_KEYS, nodeSchemas } from './schema.ts'
import { checkStructure } from './structure.ts'
import type { Design, DesignEdge, DesignNode } from './types.ts'
import { describeIssue, issuesToProblems } from './zod-issues.ts'

export type ParseResult = Result<Design, Problem[]>

/** NUL, or what a decoder makes of bytes that are no UTF-8 text (U+FFFD). */
const isBinary = (head: string): boolean => head.includes('\0') || head.includes('\uFFFD')

/** Parses a `*.topology.json` text: the design, or every problem with its path. */
export function parseDesignText(text: string): ParseResult {
  if (text.length > MAX_DESIGN_CHARS) return err([tooLargeProblem(text.length)])
  // A byte order mark (Windows editors write one) is no part of the JSON: read past it.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text
  let doc: unknown
  try {
    doc = JSON.parse(json)
  } catch (e) {
    // A picture or an archive picked by mistake: JSON.parse's message would quote its bytes.
    const message = isBinary(json.slice(0, 1024))
      ? 'not a text file: it holds binary data (a picture, an archive…), not the JSON of a design'
      : `not valid JSON: ${jsonErrorText(e, json)}`
    return err([{ path: DOCUMENT_PATH, message }])
  }
  return parseDesign(doc)
}

/** Validates a parsed JSON value against the design format (PRODUCT.md §4). */
export function parseDesign(input: unknown): ParseResult {
  if (!isRecord(input)) {
    return err([
      { path: DOCUMENT_PATH, message: `expected a JSON object, got ${describeValue(input)}` },
    ])
  }
  const deep = nestingProblem(input)
  if (deep) return err([deep])
  const migrated = migrateDocument(input)
  if (!migrated.ok) return err([migrated.error])
  const doc = migrated.value

  const problems: Problem[] = []
  const header = headerSchema.safeParse(doc, { error: describeIssue })
  if (!header.success) problems.push(...issuesToProblems('', header.error.issues))

  const rawNodes = Array.isArray(doc.nodes) ? doc.nodes : []
  const rawEdges = Array.isArray(doc.edges) ? doc.edges : []
  const nodes: DesignNode[] = []
  const edges: DesignEdge[] = []
  rawNodes.forEach((raw, i) => {
    const parsed = parseItem(raw, `nodes[${i}]`, NODE_KINDS, nodeSchemas)
    if (parsed.ok) nodes.push(parsed.value as unknown as DesignNode)
    else problems.push(...parsed.error)
  })
  rawEdges.forEach((raw, i) => {
    const parsed = parseItem(raw, `edges[${i}]`, EDGE_KINDS, edgeSchemas)
    if (parsed.ok) edges.push(parsed.value as unknown as DesignEdge)
    else problems.push(...parsed.error)
  })
  problems.push(...checkStructure(rawNodes, rawEdges), ...subscriptionProblems(rawNodes))
  if (problems.length > 0) return err(problems)

  const { extras } = splitKnown(doc, KNOWN_KEYS.header)
  return ok({ name: doc.name as string, nodes, edges, ...(extras ? { extras } : {}) })
}

type Schemas = Readonly<Record<string, z.ZodMiniType>>

/** One node or edge: its kind picks the schema; known fields are kept typed, the rest as extras. */
function parseItem<K extends string>(
  raw: unknown,
  path: string,
  kinds: readonly K[],
  schemas: Schemas,
): Result<Record<string, unknown>, Problem[]> {
  if (!isRecord(raw))
    return err([{ path, message: `expected an object, got ${describeValue(raw)}` }])
  const kind = kinds.find((k) => k === raw.kind)
  if (kind === undefined) {
    const got =
      raw.kind === undefined
        ? 'required'
        : `expected one of ${kinds.join(', ')}, got ${describeValue(raw.kind)}`
    return err([{ path: `${path}.kind`, message: got }])
  }
  const schema = schemas[kind]
  if (!schema) throw new Error(`no schema for ${kind}`)
  const result = schema.safeParse(raw, { error: describeIssue })
  if (!result.success) return err(issuesToProblems(path, result.error.issues))
  const { known, extras } = splitKnown(raw, KNOWN_KEYS[kind as keyof typeof KNOWN_KEYS])
  return ok(extras ? { ...known, extras } : known)
}

/** JSON.parse messages differ between engines; add the line and column when only an offset is given. */
function jsonErrorText(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error)
  const match = /at position (\d+)/.exec(message)
  if (!match || /line \d+/.test(message)) return message
  const offset = Number(match[1])
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  return `${message} (line ${line}, column ${column})`
}
