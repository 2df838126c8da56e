import type { Rect } from '../canvas/drawing/geometry.ts'
import {
  LABEL_HEIGHT,
  labelWidth,
  SCOPE_SHORT,
  type LabelText,
  type Measure,
  type Size,
} from '../canvas/drawing/label-text.ts'
import type { LabelSpot } from '../canvas/drawing/label-placement.ts'
import type { LabelSizes } from '../canvas/drawing/scene.ts'
import type { AccessSegment } from '../canvas/drawing/segments.ts'
import type { Escapes } from './diagram-groups.ts'

/**
 * A line's label in a picture (the SVG and PNG export), which no one can hover: it names every
 * role of its line, where the canvas says "db_datareader +1" or "2 roles" and shows the rest on
 * hover. In full, the roles run on as one text ("db_datareader, db_datawriter"), wrapped into rows
 * of ROW_MAX px, then the scope, the note and the problems, as on the canvas; compact, one role a
 * row and no note. A label with room for neither is a numbered key on its line, and the picture's
 * key, under the drawing, names that line's roles in full.
 */
export interface PictureLabel {
  /** The roles, as many a row as fit; every row but the last ends with a comma. */
  readonly rows: readonly string[]
  readonly scope: LabelText['scope']
  readonly note: LabelText['note']
  readonly problems: number
}

/** Room for the roles of one row of a full label: two of the usual roles. */
const ROW_MAX = 240
/** How far apart the rows of a label are (its text is 11 px). */
export const ROW_HEIGHT = 14
/** How far apart the entries of the picture's key are. */
const KEY_ROW = 18
const KEY_HEIGHT = 18

/** Each role of the line, with its scope when the roles differ in scope ("Reader (RG)"). */
export function rolesOf(segment: AccessSegment, text: Pick<LabelText, 'scope'>): string[] {
  return segment.roles.map((r) =>
    text.scope === 'mixed' && r.scope !== 'resource'
      ? `${r.role} (${SCOPE_SHORT[r.scope]})`
      : r.role,
  )
}

export function pictureLabel(
  segment: AccessSegment,
  text: LabelText,
  measure: Measure,
  compact: boolean,
): PictureLabel {
  const roles = rolesOf(segment, text)
  const rows: string[] = []
  let row = ''
  for (const role of roles) {
    const longer = row ? `${row}, ${role}` : role
    if (row && (compact || measure(`${longer},`, true) > ROW_MAX)) {
      rows.push(`${row},`)
      row = role
    } else row = longer
  }
  rows.push(row)
  return {
    rows,
    // Roles of differing scopes each say theirs.
    scope: text.scope === 'mixed' ? undefined : text.scope,
    note: compact ? undefined : text.note,
    problems: text.problems,
  }
}

export function pictureSize(label: PictureLabel, measure: Measure): Size {
  const last = label.rows.length - 1
  const widths = label.rows.map((row, i) =>
    labelWidth(
      measure(row, true),
      i === last ? label : { scope: undefined, note: undefined, problems: 0 },
      measure,
    ),
  )
  return {
    width: Math.max(...widths),
    height: LABEL_HEIGHT + ROW_HEIGHT * last,
  }
}

/** The numbered key a label with no room is drawn as, for keys up to `count`. */
export function keySize(count: number, measure: Measure): Size {
  return {
    width: Math.max(KEY_HEIGHT, Math.ceil(measure(String(count), true) + 10)),
    height: KEY_HEIGHT,
  }
}

/** The sizes to place a picture's labels at (scene.ts `sizes`), for up to `count` keys. */
export function pictureSizes(
  measure: Measure,
  count: number,
): (text: LabelText, segment: AccessSegment) => LabelSizes {
  const key = keySize(count, measure)
  return (text, segment) => ({
    full: pictureSize(pictureLabel(segment, text, measure, false), measure),
    compact: pictureSize(pictureLabel(segment, text, measure, true), measure),
    pin: key,
  })
}

/** What hovering the label shows on the canvas: every role, the note and the problems. */
export function labelTitle(segment: AccessSegment, text: LabelText): string {
  const roles = segment.roles
    .map((r) => (r.scope === 'resource' ? r.role : `${r.role} (${SCOPE_SHORT[r.scope]})`))
    .join(', ')
  return [
    roles,
    ...(text.note ? [text.note.text] : []),
    ...(text.problems > 0 ? [`${text.problems} problem${text.problems === 1 ? '' : 's'}`] : []),
  ].join(' · ')
}

/** The label's parts after its roles, as tspans (each led by a space). */
function tailMarkup(label: Pick<PictureLabel, 'scope' | 'note' | 'problems'>, e: Escapes): string {
  return (
    (label.scope ? ` <tspan class="scope">${e.text(label.scope)}</tspan>` : '') +
    (label.note
      ? ` <tspan class="note note-${label.note.tone}">${e.text(label.note.text)}</tspan>`
      : '') +
    (label.problems > 0 ? ` <tspan class="problems">⚠${label.problems}</tspan>` : '')
  )
}

/**
 * A label in `box`: its roles a row each line, the rest after the last. Spaces are kept
 * (`xml:space`): renderers that drop a space at a tspan's edge (librsvg) ran "Contributorvia" on.
 */
export function labelMarkup(
  id: string,
  title: string,
  label: PictureLabel,
  box: Rect,
  e: Escapes,
): string {
  const x = e.n(box.x + 7)
  const last = label.rows.length - 1
  const rows = label.rows.map(
    (row, i) =>
      `<tspan x="${x}" y="${e.n(box.y + LABEL_HEIGHT / 2 + 4 + ROW_HEIGHT * i)}"><tspan class="role">${e.text(row)}</tspan>` +
      `${i === last ? tailMarkup(label, e) : ''}</tspan>`,
  )
  return (
    `<g class="label" data-segment="${e.attr(id)}"><title>${e.text(title)}</title>` +
    `<rect x="${e.n(box.x)}" y="${e.n(box.y)}" width="${e.n(box.width)}" height="${e.n(box.height)}" rx="${last > 0 ? 8 : 11}"/>` +
    `<text xml:space="preserve">${rows.join('')}</text></g>`
  )
}

/** A label drawn as its number in the picture's key. */
export function keyMarkup(
  id: string,
  title: string,
  number: number,
  box: Rect,
  e: Escapes,
): string {
  return (
    `<g class="label key" data-segment="${e.attr(id)}"><title>${e.text(title)}</title>` +
    `<rect x="${e.n(box.x)}" y="${e.n(box.y)}" width="${e.n(box.width)}" height="${e.n(box.height)}" rx="${e.n(box.height / 2)}"/>` +
    `<text x="${e.n(box.x + box.width / 2)}" y="${e.n(box.y + box.height / 2 + 4)}" text-anchor="middle">${number}</text></g>`
  )
}

/** A line in the picture's key: its number, its ends and every role, then the rest. */
export interface KeyEntry {
  readonly id: string
  readonly number: number
  readonly from: string
  readonly to: string
  readonly roles: readonly string[]
  readonly label: Pick<PictureLabel, 'scope' | 'note' | 'problems'>
}

/** The keyed labels, numbered in reading order: top to bottom, then left to right. */
export function numberKeys<T extends { readonly id: string; readonly spot: LabelSpot }>(
  keyed: readonly T[],
): (T & { readonly number: number })[] {
  return [...keyed]
    .sort((a, b) => a.spot.y - b.spot.y || a.spot.x - b.spot.x || (a.id < b.id ? -1 : 1))
    .map((k, i) => ({ ...k, number: i + 1 }))
}

function entryText(entry: KeyEntry): { lead: string; roles: string } {
  return { lead: `${entry.number}  ${entry.from} → ${entry.to}: `, roles: entry.roles.join(', ') }
}

/** The key's size: an entry a row. */
export function keyListSize(entries: readonly KeyEntry[], measure: Measure): Size {
  if (entries.length === 0) return { width: 0, height: 0 }
  const widths = entries.map((entry) => {
    const { lead, roles } = entryText(entry)
    return labelWidth(measure(lead, false) + measure(roles, true), entry.label, measure)
  })
  // Folded, not spread: a large design's key has thousands of entries.
  return { width: widths.reduce((a, b) => Math.max(a, b), 0), height: KEY_ROW * entries.length }
}

/** The key at (x, y), its first entry's top. */
export function keyListMarkup(
  entries: readonly KeyEntry[],
  x: number,
  y: number,
  e: Escapes,
): string {
  const rows = entries.map((entry, i) => {
    const { roles } = entryText(entry)
    return (
      `<text class="key-entry" data-segment="${e.attr(entry.id)}" x="${e.n(x)}" y="${e.n(y + KEY_ROW * i + 13)}" xml:space="preserve">` +
      `<tspan class="key-number">${entry.number}</tspan>  ${e.text(`${entry.from} → ${entry.to}:`)} ` +
      `<tspan class="role">${e.text(roles)}</tspan>${tailMarkup(entry.label, e)}</text>`
    )
  })
  return `<g class="key-list">${rows.join('')}</g>`
}
