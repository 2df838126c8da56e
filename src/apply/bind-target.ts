import type { Edit, EditError } from '../model/edits.ts'
import type { Design } from '../model/types.ts'

/** Where unbound nodes are looked up and unbound identities are created. */
export interface BindTarget {
  readonly subscriptionId: string
  readonly resourceGroup: string
  readonly location: string
}

export interface BindingProblem {
  readonly node: string
  readonly message: string
}

/**
 * How a binding message names a node: where it is in the design file and who it is,
 * `nodes[3] (id "web", name "contoso-web")` (the file format's problems use the same paths).
 */
export function nodeLabel(design: Design, id: string): string {
  const index = design.nodes.findIndex((n) => n.id === id)
  const node = design.nodes[index]
  // Quoted as the messages quote names: a terminal shows their controls (terminalText).
  if (!node) return `node "${id}"`
  return `nodes[${index}] (id "${node.id}", name "${node.name}")`
}

/**
 * The message of a binding edit the design refused (a live resource's id the file format does
 * not accept, such as a name with a control character), naming the node it was for; a message
 * that already starts at a node's path (a subscription split) is kept as it is.
 */
export function refusedBindingMessage(
  design: Design,
  edits: readonly Edit[],
  error: EditError,
): string {
  const edit = edits[error.index]
  if (edit?.type !== 'updateNode' || error.message.startsWith('nodes[')) return error.message
  return `${nodeLabel(design, edit.id)}: ${error.message}`
}
