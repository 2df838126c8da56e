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
const positions = new WeakMap<readonly Identified[], Positions>()

/** The ids of a list in a StringTable (copied: the table outlives this version of the list). */
class Positions {
  private readonly ids: StringTable
  /** Of equal ids, the first's position → the last's (a Map keeps the last). */
  private readonly last?: Map<number, number>

  constructor(list: readonly Identified[]) {
    const ids = list.map((item) => item.id)
    this.ids = StringTable.of(ids)
    if (this.ids.repeats.length > 0) this.last = new Map(this.ids.repeats.map(([r, f]) => [f, r]))
  }

  of(id: string): number | undefined {
    const at = this.ids.numberOf(id)
    return at < 0 ? undefined : (this.last?.get(at) ?? at)
  }
}

/** The position of the item with this id (of several, the last, as `new Map` keeps), or undefined. */
export function positionOf(list: readonly Identified[], id: string): number | undefined {
  let map = positions.get(list)
  if (!map) positions.set(list, (map = new Positions(list)))
  return map.of(id)
}

/** The item with this id, or undefined. */
export function itemById<T extends Identified>(list: readonly T[], id: string): T | undefined {
  const at = positionOf(list, id)
  return at === undefined ? undefined : list[at]
}

/** Records that `next` holds items with the ids of `list`, position for position. */
export function samePositions(list: readonly Identified[], next: readonly Identified[]): void {
  const map = positions.get(list)
  if (map && next.length === list.length) positions.set(next, map)
}
