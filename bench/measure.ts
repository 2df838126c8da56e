import { performance } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

// A full garbage collection before each figure, so one figure does not pay for the garbage of the
// one before it (the usual trick to reach gc() without restarting node with --expose-gc).
setFlagsFromString('--expose-gc')
const collect = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void

/**
 * Two young-generation collections: what was just allocated and is still alive (a design
 * JSON.parse has just made) is moved out of the young generation, where the next collection
 * would have to copy it, without the full collection that shrinks the young generation.
 */
export function settleYoung(): void {
  collect({ type: 'minor' })
  collect({ type: 'minor' })
}

/**
 * Median wall time in milliseconds of `fn` over `runs` runs after `warmup` unmeasured ones. The
 * result of each run goes to `sink` so the engine cannot drop the work as dead code.
 */
export function medianMs(fn: () => unknown, runs = 7, warmup = 2): number {
  const sink: unknown[] = []
  collect()
  // Warm the JIT: at least `warmup` runs and at least 300 ms, so small cases are not measured cold.
  const warmStart = performance.now()
  for (let i = 0; i < warmup || (performance.now() - warmStart < 300 && i < 500); i++)
    sink.push(fn())
  sink.length = 0
  collect()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    sink.push(fn())
    times.push(performance.now() - start)
  }
  if (sink.length === 0) throw new Error('unreachable')
  return median(times)
}

/** Medians of a cold measurement: wall time, and the CPU time of this process (user + system). */
export interface ColdTimes {
  readonly ms: number
  /** Less sensitive than wall time to other processes on a shared machine (GC threads count). */
  readonly cpuMs: number
}

/**
 * As medianMs, but each run (warm-up ones included) gets its own input from `setup`, made outside
 * the timing: a run finds nothing an earlier run left behind (a new design object, new strings).
 * The full collection comes once before the timed runs, as in medianMs, not before each: V8
 * shrinks its young generation after one, and the next run would pay for growing it back (twice
 * the CPU time of a 10,000-app check), which no check in a running designer or CLI does.
 */
export function medianColdMs<T>(
  setup: () => T,
  fn: (input: T) => unknown,
  runs = 7,
  warmup = 2,
): ColdTimes {
  const sink: unknown[] = []
  for (let i = 0; i < warmup; i++) sink.push(fn(setup()))
  sink.length = 0
  collect()
  const wall: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < runs; i++) {
    const input = setup()
    const cpuStart = process.cpuUsage()
    const start = performance.now()
    sink.push(fn(input))
    wall.push(performance.now() - start)
    const used = process.cpuUsage(cpuStart)
    cpu.push((used.user + used.system) / 1000)
    sink.length = 0
  }
  return { ms: median(wall), cpuMs: median(cpu) }
}

function median(values: number[]): number {
  values.sort((a, b) => a - b)
  return values[Math.floor(values.length / 2)] as number
}

/** Rounds for display and JSON: 3 significant decimals below 10, 1 above. */
export function round(value: number): number {
  return value < 10 ? Math.round(value * 1000) / 1000 : Math.round(value * 10) / 10
}
