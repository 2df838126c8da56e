import { joinPath, type Problem } from './problems.ts'

/**
 * How large a design text may be, in characters (≈ bytes for the ASCII a design mostly is). A
 * design at ARM's own ceiling — 5,000 role assignments in a subscription — with a few thousand
 * nodes is under 2 MB; 8 MiB leaves room and still keeps a hostile file or share link from
 * exhausting the page or the CLI. Files, share links and the CLI all stop here.
 */
export const MAX_DESIGN_CHARS = 8 * 1024 * 1024

/**
 * How deep a design's JSON may nest. The format itself needs 4 levels (document → nodes → node →
 * azure); unknown fields may nest further, but values nested thousands deep overflow the stack of
 * every recursive walk, JSON.stringify included, so saving such a design would fail.
 */
export const MAX_DESIGN_DEPTH = 64

export function tooLargeProblem(chars: number, what = 'the design'): Problem {
  return {
    path: '(document)',
    message: `${what} is ${formatSize(chars)}; designs are limited to ${formatSize(MAX_DESIGN_CHARS)}`,
  }
}

/**
 * Why a design text this long, once written, would not open again, or undefined when it would.
 * Saving never refuses (the design would be lost); it says so, while the design can still be
 * split in the tool that holds it.
 */
export function oversizeWarning(chars: number): string | undefined {
  if (chars <= MAX_DESIGN_CHARS) return undefined
  return `the design is ${formatSize(chars)}, above the ${formatSize(MAX_DESIGN_CHARS)} a design may be: neither the designer nor idtopo will open the file. Split it into smaller designs.`
}

/** `8 MB`, `9.5 MB`, `512 KB`: sizes in messages (1 MB = 1024 × 1024 characters). */
export function formatSize(chars: number): string {
  if (chars < 1024 * 1024) return `${Math.ceil(chars / 1024)} KB`
  const mb = chars / (1024 * 1024)
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`
}

/**
 * The first place (in document order) where a JSON value nests deeper than `limit`, or undefined.
 * The walk recurses, but never deeper than `limit`: a value nested thousands deep, which a plain
 * recursive walk (JSON.stringify's included) cannot survive, is cut off at the limit. It makes no
 * object per value: the path is only built, on the way back out, for the value it reports.
 */
export function nestingProblem(value: unknown, limit = MAX_DESIGN_DEPTH): Problem | undefined {
  const path = pathBelow(value, 0, limit)
  if (!path) return undefined
  return {
    path: joinPath('', path.reverse()),
    message: `nested deeper than ${limit} levels; a design's fields may nest at most ${limit} levels`,
  }
}

/** The path (last key first) to the first object at depth `limit` within `value`, or undefined. */
function pathBelow(value: unknown, depth: number, limit: number): PropertyKey[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  if (depth >= limit) return []
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const path = pathBelow(value[i], depth + 1, limit)
      if (path) {
        path.push(i)
        return path
      }
    }
    return undefined
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    const path = pathBelow((value as Record<string, unknown>)[key], depth + 1, limit)
    if (path) {
      path.push(key)
      return path
    }
  }
  return undefined
}
