import type { Extras } from './types.ts'

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Sets an own, enumerable property, whatever the key: plain assignment would treat `__proto__` as
 * the prototype setter and drop the field, so a file's unknown `__proto__` would not survive.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
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
      setOwn(extras, key, value)
    }
  }
  return { known: out, extras }
}
