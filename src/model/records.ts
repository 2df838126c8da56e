import type { Extras } from './types.ts'

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Splits an object into the keys this version knows and the rest (kept as extras). */
export function splitKnown(
  source: Record<string, unknown>,
  known: readonly string[],
): { known: Record<string, unknown>; extras: Extras | undefined } {
  const out: Record<string, unknown> = {}
  let extras: Record<string, unknown> | undefined
  for (const [key, value] of Object.entries(source)) {
    if (known.includes(key)) {
      if (value !== undefined) out[key] = value
    } else {
      extras ??= {}
      extras[key] = value
    }
  }
  return { known: out, extras }
}
