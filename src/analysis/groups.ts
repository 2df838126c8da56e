/**
 * Positions grouped by a number given to each position, in one flat array: group `g` holds
 * `items[start[g]]` up to (not including) `items[start[g + 1]]`, in ascending position order.
 * Built by a counting sort: two passes, no map and no list per group.
 */
export interface Groups {
  readonly start: Int32Array
  readonly items: Int32Array
}

/** Groups positions `0 … keys.length - 1` by `keys[position]` in `0 … count - 1`; negative keys are left out. */
export function groupPositions(keys: ArrayLike<number>, count: number): Groups {
  const start = new Int32Array(count + 1)
  for (let at = 0; at < keys.length; at++) {
    const k = keys[at] as number
    if (k >= 0) start[k + 1] = (start[k + 1] as number) + 1
  }
  for (let k = 0; k < count; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number)
  const items = new Int32Array(start[count] as number)
  const fill = start.slice(0, count)
  for (let at = 0; at < keys.length; at++) {
    const k = keys[at] as number
    if (k < 0) continue
    const slot = fill[k] as number
    items[slot] = at
    fill[k] = slot + 1
  }
  return { start, items }
}

/** The positions of one group (a view, no copy). */
export function groupOf(groups: Groups, k: number): Int32Array {
  return groups.items.subarray(groups.start[k], groups.start[k + 1])
}
