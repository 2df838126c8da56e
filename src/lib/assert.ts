/** Ends every switch over a union: the compiler proves it unreachable, and a bug reaching it throws. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`)
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message)
}
