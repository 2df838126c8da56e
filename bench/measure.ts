import { performance } from 'node:perf_hooks'

/**
 * Median wall time in milliseconds of `fn` over `runs` runs after `warmup` unmeasured ones. The
 * result of each run goes to `sink` so the engine cannot drop the work as dead code.
 */
export function medianMs(fn: () => unknown, runs = 7, warmup = 2): number {
  const sink: unknown[] = []
  for (let i = 0; i < warmup; i++) sink.push(fn())
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    sink.push(fn())
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  if (sink.length === 0) throw new Error('unreachable')
  return times[Math.floor(times.length / 2)] as number
}

/** Rounds for display and JSON: 3 significant decimals below 10, 1 above. */
export function round(value: number): number {
  return value < 10 ? Math.round(value * 1000) / 1000 : Math.round(value * 10) / 10
}
