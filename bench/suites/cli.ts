import { spawnSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { round } from '../measure.ts'
import type { BenchSuite, Figure } from '../types.ts'

const SCENARIO = 'src/templates/scenario-2-shared-identities.topology.json'
const RUNS = 7

/** Wall time of one `node bin/idtopo.js …` process, start to exit. */
function time(args: readonly string[]): number {
  const started = performance.now()
  const run = spawnSync(process.execPath, ['bin/idtopo.js', ...args], { stdio: 'ignore' })
  if (run.status !== 0 && run.status !== 1) throw new Error(`idtopo ${args.join(' ')} failed`)
  return performance.now() - started
}

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

/**
 * How long an `idtopo` command takes from start to exit, as a pipeline step sees it: the compiled
 * CLI (dist-cli/), built first so no run pays for compiling. The first run after the build is
 * "cold" (Node's module cache empty, the OS file cache warm); "warm" is the median of the rest.
 * Before the CLI was compiled, each command took 1.3–2.2 s on this machine (tsx at every start).
 */
export const suite: BenchSuite = {
  name: 'cli',
  run(log) {
    log('building the CLI (npm run build:cli)…')
    const build = spawnSync(
      process.execPath,
      ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.cli.config.ts'],
      { stdio: 'inherit' },
    )
    if (build.status !== 0) throw new Error('vite build of the CLI failed')
    const figures: Figure[] = []
    for (const [label, args] of [
      ['--help', ['--help']],
      ['check scenario 2', ['check', SCENARIO]],
      ['plan scenario 2', ['plan', SCENARIO]],
    ] as const) {
      const cold = time(args)
      const warm = median(Array.from({ length: RUNS }, () => time(args)))
      figures.push(
        { name: `idtopo ${label}, cold`, value: round(cold), unit: 'ms', target: { max: 500 } },
        {
          name: `idtopo ${label}, warm (median of ${RUNS})`,
          value: round(warm),
          unit: 'ms',
          target: { max: 500 },
        },
      )
    }
    return figures
  },
}
