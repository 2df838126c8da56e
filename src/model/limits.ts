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

/** `8 MB`, `9.5 MB`, `512 KB`: sizes in messages (1 MB = 1024 × 1024 characters). */
export function formatSize(chars: number): string {
  if (chars < 1024 * 1024) return `${Math.ceil(chars / 1024)} KB`
  const mb = chars / (1024 * 1024)
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`
}

/**
 * The first place where a JSON value nests deeper than `limit`, walked without recursion (the
 * point is to survive values a recursive walk cannot), or undefined.
 */
export function nestingProblem(value: unknown, limit = MAX_DESIGN_DEPTH): Problem | undefined {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }]
  while (stack.length > 0) {
    const { value: item, path } = stack.pop() as { value: unknown; path: PropertyKey[] }
    if (typeof item !== 'object' || item === null) continue
    if (path.length >= limit)
      return {
        path: joinPath('', path),
        message: `nested deeper than ${limit} levels; a design's fields may nest at most ${limit} levels`,
      }
    const entries: [PropertyKey, unknown][] = Array.isArray(item)
      ? item.map((v, i) => [i, v])
      : Object.entries(item)
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [PropertyKey, unknown]
      stack.push({ value: child, path: [...path, key] })
    }
  }
  return undefined
}
