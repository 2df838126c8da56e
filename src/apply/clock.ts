/** Time, injected: real timers in the app and CLI, a virtual clock in tests. */
export interface Clock {
  now(): number
  /** Resolves after ms, or rejects with an AbortError when the signal fires. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export function abortError(): Error {
  const e = new Error('The operation was cancelled.')
  e.name = 'AbortError'
  return e
}

export function isAbort(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError'
}
