import * as z from 'zod/mini'
import {
  HOSTING_KINDS,
  ID_PATTERN,
  NAME_MAX,
  PERMISSION_MODELS,
  PRINCIPAL_KINDS,
  SCOPES,
  SERVICE_KINDS,
} from './kinds.ts'
import { bindingProblems } from './bindings.ts'

/**
 * Shapes of the design file (PRODUCT.md §4), one per node and edge kind. They are loose: unknown
 * fields pass through and are kept as extras. Structural checks that span the document
 * (duplicate ids, references, endpoint kinds) live in validate-structure.ts.
 */
const id = z.string().check(z.regex(ID_PATTERN, 'expected 1–64 characters of A-Z a-z 0-9 _ . -'))
const name = z.string().check(z.minLength(1), z.maxLength(NAME_MAX))
const position = z.object({ x: z.number(), y: z.number() })
const azure = z.looseObject({
  resourceId: z.optional(z.string()),
  principalId: z.optional(z.string()),
  subscriptionId: z.optional(z.string()),
  resourceGroup: z.optional(z.string()),
  location: z.optional(z.string()),
  clientId: z.optional(z.string()),
})

/** Each binding field in its real format, a resource id of the node's own type (bindings.ts). */
const validBinding = z.superRefine((node: Record<string, unknown>, ctx) => {
  for (const { field, message } of bindingProblems(node))
    ctx.addIssue({ code: 'custom', path: ['azure', field], message, input: node })
})

const nodeBase = {
  id,
  name,
  position: z.optional(position),
  azure: z.optional(azure),
}

export const nodeSchemas = {
  app: z
    .looseObject({
      ...nodeBase,
      kind: z.literal('app'),
      hosting: z.enum(HOSTING_KINDS),
      systemAssigned: z.optional(z.boolean()),
    })
    .check(validBinding),
  identity: z.looseObject({ ...nodeBase, kind: z.literal('identity') }).check(validBinding),
  service: z
    .looseObject({
      ...nodeBase,
      kind: z.literal('service'),
      service: z.enum(SERVICE_KINDS),
      permissionModel: z.optional(z.enum(PERMISSION_MODELS)),
    })
    .check(validBinding),
  developer: z
    .looseObject({
      ...nodeBase,
      kind: z.literal('developer'),
      principal: z.enum(PRINCIPAL_KINDS),
    })
    .check(validBinding),
} as const

export const edgeSchemas = {
  attach: z.looseObject({ id, kind: z.literal('attach'), source: id, target: id }),
  access: z.looseObject({
    id,
    kind: z.literal('access'),
    source: id,
    target: id,
    // Which role each text names, and which identity `via` names, is for the rules to say
    // (unknown-role, identity-not-on-app), an empty text included: only the JSON types are the
    // format's (PRODUCT.md §4: "`via` is not structural"; an unknown role loads fine).
    roles: z.array(z.string()).check(z.minLength(1)),
    scope: z.optional(z.enum(SCOPES)),
    via: z.optional(z.string()),
  }),
} as const

export const headerSchema = z.looseObject({
  format: z.literal('identity-topology'),
  version: z.number().check(z.int()),
  name,
  nodes: z.array(z.unknown()),
  edges: z.array(z.unknown()),
})

/** Keys this version knows, per node and edge kind; everything else is an extra. */
export const KNOWN_KEYS = {
  header: ['format', 'version', 'name', 'nodes', 'edges'],
  app: ['id', 'kind', 'name', 'position', 'azure', 'hosting', 'systemAssigned'],
  identity: ['id', 'kind', 'name', 'position', 'azure'],
  service: ['id', 'kind', 'name', 'position', 'azure', 'service', 'permissionModel'],
  developer: ['id', 'kind', 'name', 'position', 'azure', 'principal'],
  attach: ['id', 'kind', 'source', 'target'],
  access: ['id', 'kind', 'source', 'target', 'roles', 'scope', 'via'],
} as const satisfies Record<string, readonly string[]>
