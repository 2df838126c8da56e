import { StringTable } from '../lib/string-table.ts'

interface Identified {
  readonly id: string
}

/**
 * Where each id is in a list of nodes or edges, made once per list and handed on to the next
 * version of a list when an edit only replaced items in place (`samePositions`): at 10,000 apps a
 * map of every node and edge costs more than the edit itself, and most edits (a toggle, a role,
 * a move, a rename) replace items in place. A table is never changed once made.
 */
const positions = new WeakMap<readonly Identified[], StringTable>()

/** The position of the item with this id (of several, the last, as `new Map` keeps), or undefined. */
export function positionOf(list: readonly Identified[], id: string): number | undefined {
  let table = positions.get(list)
  // The ids copied: the table outlives this version of the list (samePositions).
  if (!table) positions.set(list, (table = StringTable.of(list.map((item) => item.id))))
  const at = table.numberOf(id)
  return at < 0 ? undefined : table.latest(at)
}

/** The item with this id, or undefined. */
export function itemById<T extends Identified>(list: readonly T[], id: string): T | undefined {
  const at = positionOf(list, id)
  return at === undefined ? undefined : list[at]
}

/** Records that `next` holds items with the ids of `list`, position for position. */
export function samePositions(list: readonly Identified[], next: readonly Identified[]): void {
  const table = positions.get(list)
  if (table && next.length === list.length) positions.set(next, table)
}
