import { spawn, spawnSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { round } from '../measure.ts'
import type { BenchSuite, Figure } from '../types.ts'

const SCENARIO = 'src/templates/scenario-2-shared-identities.topology.json'
const RUNS = 7
const BEFORE_RUNS = 3
/** Issue 12: a command starts "in well under half a second". */
const TARGET = { max: 500 }

/** Wall time of one process, start to exit, as a pipeline step sees it. */
function time(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): number {
  const started = performance.now()
  const run = spawnSync(command, args, { stdio: 'ignore', env: { ...process.env, ...env } })
  if (run.status !== 0 && run.status !== 1) throw new Error(`${command} ${args.join(' ')} failed`)
  return performance.now() - started
}

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

const repeat = (n: number, f: () => number): number => median(Array.from({ length: n }, f))

/** Time from spawn until the sandbox prints its URL (it keeps running: it is stopped then). */
function untilListening(args: readonly string[]): Promise<number> {
  const started = performance.now()
  const child = spawn(process.execPath, [...args, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      if (!out.includes('listening on')) return
      resolve(performance.now() - started)
      child.kill('SIGTERM')
    })
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code} before listening`)))
  })
}

/**
 * How long an `idtopo` command takes from start to exit: the compiled CLI (dist-cli/), built
 * first so no run pays for compiling. The first run after the build is "cold" (Node's module
 * cache empty, the OS file cache warm); "warm" is the median of the rest. Beside it: Node's own
 * start (the floor), `npx idtopo` (npm's start on top), the sources through tsx as every command
 * ran before (TypeScript compiled at start, with and without tsx's cache), and `npm run sandbox`
 * compiled and through tsx, until it listens.
 */
export const suite: BenchSuite = {
  name: 'cli',
  async run(log) {
    log('building the CLI and the sandbox (npm run build:cli)…')
    const build = spawnSync(
      process.execPath,
      ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.cli.config.ts'],
      { stdio: 'inherit' },
    )
    if (build.status !== 0) throw new Error('vite build of the CLI failed')
    const node = process.execPath
    const figures: Figure[] = [
      {
        name: 'node -e 0 (the floor)',
        value: round(repeat(RUNS, () => time(node, ['-e', '0']))),
        unit: 'ms',
      },
    ]
    for (const [label, args] of [
      ['--help', ['--help']],
      ['check scenario 2', ['check', SCENARIO]],
      ['plan scenario 2', ['plan', SCENARIO]],
    ] as const) {
      const cold = time(node, ['bin/idtopo.js', ...args])
      const warm = repeat(RUNS, () => time(node, ['bin/idtopo.js', ...args]))
      figures.push(
        { name: `idtopo ${label}, cold`, value: round(cold), unit: 'ms', target: TARGET },
        {
          name: `idtopo ${label}, warm (median of ${RUNS})`,
          value: round(warm),
          unit: 'ms',
          target: TARGET,
        },
      )
    }
    figures.push({
      name: 'npx idtopo --help, warm',
      value: round(repeat(BEFORE_RUNS, () => time('npx', ['idtopo', '--help']))),
      unit: 'ms',
      note: "npm's own start on top: ./bin/idtopo.js skips it",
    })

    log('the sources through tsx, as before the CLI was compiled…')
    for (const [label, args] of [
      ['--help', ['--help']],
      ['check scenario 2', ['check', SCENARIO]],
    ] as const) {
      const tsx = ['--import', 'tsx', 'src/cli/bin.ts', ...args]
      const uncached = repeat(BEFORE_RUNS, () => time(node, tsx, { TSX_DISABLE_CACHE: '1' }))
      const cached = repeat(BEFORE_RUNS, () => time(node, tsx))
      figures.push(
        { name: `before: idtopo ${label} via tsx, no cache`, value: round(uncached), unit: 'ms' },
        { name: `before: idtopo ${label} via tsx, cached`, value: round(cached), unit: 'ms' },
      )
    }

    log('npm run sandbox, compiled and through tsx, until it listens…')
    const sandbox: number[] = []
    const sandboxTsx: number[] = []
    for (let i = 0; i < BEFORE_RUNS; i++) {
      sandbox.push(await untilListening(['bin/sandbox.js']))
      sandboxTsx.push(await untilListening(['--import', 'tsx', 'src/sandbox/server/main.ts']))
    }
    figures.push(
      {
        name: 'sandbox start, compiled',
        value: round(median(sandbox)),
        unit: 'ms',
        target: TARGET,
      },
      {
        name: 'before: sandbox start via tsx, cached',
        value: round(median(sandboxTsx)),
        unit: 'ms',
      },
    )
    return figures
  },
}
