import type { FixBuilder } from './rule.ts'

/**
 * The fix and suggestion builders a walk's rules handed over, by the position of their finding.
 * Kept only for the findings that have one (about half of them at 10,000 apps: most findings
 * are informational), in ascending position: two lists the length of every finding, grown one
 * push at a time, were megabytes of copies for a large design.
 */
export class OfferBuilders {
  private readonly positions: number[] = []
  private readonly fixes: (FixBuilder | undefined)[] = []
  private readonly suggestions: (FixBuilder | undefined)[] = []

  /** Keeps the builders of the finding at `position` (above every position added before). */
  add(position: number, fix: FixBuilder | undefined, suggest: FixBuilder | undefined): void {
    if (!fix && !suggest) return
    this.positions.push(position)
    this.fixes.push(fix)
    this.suggestions.push(suggest)
  }

  /** How many findings have builders. */
  get size(): number {
    return this.positions.length
  }

  /** The finding position of the `slot`th finding with builders. */
  positionOf(slot: number): number {
    return this.positions[slot] as number
  }

  /** The slot of the finding at `position`, or -1 when it has no builder. */
  slotOf(position: number): number {
    const positions = this.positions
    let low = 0
    let high = positions.length - 1
    while (low <= high) {
      const mid = (low + high) >>> 1
      const at = positions[mid] as number
      if (at === position) return mid
      if (at < position) low = mid + 1
      else high = mid - 1
    }
    return -1
  }

  fixAt(slot: number): FixBuilder | undefined {
    return this.fixes[slot]
  }

  suggestAt(slot: number): FixBuilder | undefined {
    return this.suggestions[slot]
  }
}
