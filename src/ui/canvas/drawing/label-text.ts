import type { Scope } from '../../../model/kinds.ts'
import type { AccessSegment } from './segments.ts'

/**
 * What an access line's label says, as data: the canvas renders it as HTML, the SVG export as
 * `<text>`, and label placement sizes it — so all three agree. The count of roles is always
 * there, in full and compact form alike.
 */
export interface LabelText {
  /** The first role, shortened to ROLE_MAX characters. */
  readonly role: string
  readonly roleCount: number
  /** Broader than the resource: "RG", "Sub", or "mixed" when the roles differ. */
  readonly scope: 'RG' | 'Sub' | 'mixed' | undefined
  /** What the line's source acts as, when the line itself does not show it. */
  readonly note: { readonly text: string; readonly tone: 'own' | 'via' | 'missing' } | undefined
  readonly problems: number
}

const ROLE_MAX = 40

export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/** A scope broader than the resource, as a label writes it. */
export const SCOPE_SHORT: Record<Exclude<Scope, 'resource'>, 'RG' | 'Sub'> = {
  resourceGroup: 'RG',
  subscription: 'Sub',
}

export function labelText(
  segment: AccessSegment,
  /** The name of the identity an edge drawn directly goes through (`through` lines). */
  viaName: (identity: string) => string,
  /** Why an unresolved edge has no identity: "no identity chosen", "not on the app"… */
  unresolvedNote: string,
  problems: number,
): LabelText {
  const scopes = new Set(segment.roles.map((r) => r.scope))
  const [only] = scopes
  const scope =
    scopes.size > 1
      ? 'mixed'
      : only === undefined || only === 'resource'
        ? undefined
        : SCOPE_SHORT[only]
  return {
    role: shorten(segment.roles[0]?.role ?? '', ROLE_MAX),
    roleCount: segment.roles.length,
    scope,
    note: noteOf(segment, viaName, unresolvedNote),
    problems,
  }
}

function noteOf(
  segment: AccessSegment,
  viaName: (identity: string) => string,
  unresolvedNote: string,
): LabelText['note'] {
  switch (segment.way) {
    case 'own':
      return { text: 'own identity', tone: 'own' }
    case 'through':
      return { text: `via ${shorten(viaName(segment.members[0]?.via ?? ''), 28)}`, tone: 'via' }
    case 'unresolved':
      return { text: unresolvedNote, tone: 'missing' }
    case 'identity':
    case 'developer':
      return undefined
  }
}

/** "+2": how many more roles than the one shown. Empty for one role. */
export function moreText(text: LabelText): string {
  return text.roleCount > 1 ? `+${text.roleCount - 1}` : ''
}

/** The compact form: "3 roles". */
export function countText(text: LabelText): string {
  return `${text.roleCount} role${text.roleCount === 1 ? '' : 's'}`
}

/** Measures a text at the label font (11 px), in pixels; bold for role names. */
export type Measure = (text: string, bold: boolean) => number

export interface Size {
  readonly width: number
  readonly height: number
}

/** The label box: 22 px tall (canvas.css `.edge-label`), parts separated by 4 px. */
export const LABEL_HEIGHT = 22
const PAD = 2 * 4 + 2 // padding and border
const GAP = 4
const CHIP_PAD = 12
const BADGE = 18

export function fullSize(text: LabelText, measure: Measure): Size {
  const more = moreText(text)
  return {
    width: labelWidth(measure(text.role + (more ? ` ${more}` : ''), true), text, measure),
    height: LABEL_HEIGHT,
  }
}

/**
 * The width of a label whose roles measure `roles` px, followed by the parts of `text` it shows:
 * its scope, its note and its problem badge.
 */
export function labelWidth(
  roles: number,
  text: Pick<LabelText, 'scope' | 'note' | 'problems'>,
  measure: Measure,
): number {
  const parts = [roles + CHIP_PAD]
  if (text.scope) parts.push(measure(text.scope, true) + 10)
  if (text.note) parts.push(measure(text.note.text, false) + 3)
  if (text.problems > 0) parts.push(BADGE)
  return Math.ceil(sum(parts) + GAP * (parts.length - 1) + PAD)
}

export function compactSize(text: LabelText, measure: Measure): Size {
  const parts = [measure(countText(text), true) + CHIP_PAD]
  if (text.problems > 0) parts.push(BADGE)
  return { width: Math.ceil(sum(parts) + GAP * (parts.length - 1) + PAD), height: LABEL_HEIGHT }
}

/** A label with no room for its compact form: a dot on its line (canvas.css `.edge-label.is-pin`). */
export const PIN_SIZE: Size = { width: 12, height: 12 }

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

/** A measure for places without a canvas to measure with (tests, workers): generous widths. */
export const roughMeasure: Measure = (text, bold) => text.length * (bold ? 7 : 6.5)
