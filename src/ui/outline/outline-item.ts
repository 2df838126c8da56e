import type { Fix, Severity } from '../../rules/types.ts'

/** What a row of the outline is (see outline-model.ts). */
export type ItemKind =
  | 'group'
  | 'node'
  | 'identity'
  | 'attach'
  | 'access'
  | 'finding'
  | 'fix'
  /** "Show 200 more of 800": the rest of a long list, one page at a time. */
  | 'more'

export interface OutlineItem {
  /** Unique among the rows: the path of the row (an edge shows under its app, identity and service). */
  readonly key: string
  readonly kind: ItemKind
  /** What the row says, read as its name. */
  readonly label: string
  /** The part of the label shown in bold: a node's name. */
  readonly emphasis?: string
  /** The node or edge the row is about: selecting the row selects it. */
  readonly subject: string | null
  /** What Delete on the row removes (a node or a connection). */
  readonly removes?: string
  readonly severity?: Severity
  /** On a fix row: the fix Enter applies (through the store's applyFix). */
  readonly fix?: Fix
  /** On a finding row: its place among its subject's findings (as the inspector lists them). */
  readonly findingIndex?: number
  readonly hasChildren: boolean
}
