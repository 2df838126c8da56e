import { spawnSync } from 'node:child_process'
import type { Design } from '../../src/model/types.ts'
import { compiledDomain, type DomainCode } from '../compiled.ts'
import { generateDesign } from '../generate.ts'
import { medianColdMs, medianMs, round, settleYoung, type ColdTimes } from '../measure.ts'
import type { BenchSuite, Figure } from '../types.ts'

const SIZES = [100, 1_000, 10_000] as const
/**
 * Enough for the whole toll, about what a check of a large design allocates (bench/allocated.ts:
 * 14 MB at 10,000 apps). After a 10,000-app parse the toll grows with the garbage until the
 * design's young part has been copied twice, then stays: 3 MB paid 22 ms, 8 MB 41, 12 MB 50,
 * 16 to 40 MB about 50 (one run, 2-core host).
 */
const TOLL_MB = 16

/** The yardstick: one pass that only groups the access edges by source. */
function linearPass(design: Design): number {
  const bySource = new Map<string, string[]>()
  for (const edge of design.edges) {
    if (edge.kind !== 'access') continue
    const list = bySource.get(edge.source)
    if (list) list.push(edge.id)
    else bySource.set(edge.source, [edge.id])
  }
  return bySource.size
}

/**
 * Short-lived objects (five small fields each) totalling `mb` megabytes, as any code that runs
 * after a parse makes: the last is returned so the engine cannot drop the loop.
 */
function garbage(mb: number): object {
  let last = {}
  for (let i = 0; i < (mb * 2 ** 20) / 64; i++) last = { a: i, b: i, c: i, d: i, e: i }
  return last
}

/** A check that then builds every fix and suggestion of every finding (what the designer may show). */
function checkWithFixes({ runCheck }: DomainCode, design: Design): number {
  const check = runCheck(design)
  let count = 0
  for (const f of check.findings) {
    const offers = check.offers(f)
    count += offers.fixes.length + offers.suggestions.length
  }
  return count
}

/** CPU time beside a cold wall time: on a loaded machine the wall time also counts waiting. */
const cpuNote = (t: ColdTimes): string => `CPU ${round(t.cpuMs)} ms`

/**
 * A fresh copy of the design, parsed from its JSON: a check of it finds no object or string an
 * earlier check has seen. (The CLI and the designer then validate what JSON.parse made into
 * copies, parseDesign: the "open a saved design" figure measures that.)
 */
const copyOf = (design: Design) => {
  const text = JSON.stringify(design)
  return (): Design => JSON.parse(text) as Design
}

/** As copyOf, and the copy moved out of the young generation before the timing (settleYoung). */
const settledCopyOf = (design: Design) => {
  const copy = copyOf(design)
  return (): Design => {
    const fresh = copy()
    settleYoung()
    return fresh
  }
}

/**
 * Check, plan and optimize on generated designs (issue 16's targets at 10,000 apps), on the code
 * compiled as it ships (compiled.ts). "Cold" runs each get a fresh copy of the design, parsed
 * from its JSON (no state from earlier checks can help them; the engine keeps none anyway);
 * "warm" runs check the same design object again. JIT warm-up runs first in both. The machine
 * is shared: take several runs at quiet moments.
 */
export const suite: BenchSuite = {
  name: 'domain',
  async run(log) {
    const code = await compiledDomain()
    const { checkDesign, derivePlan, optimizeIdentities } = code
    const withFixes = (d: Design): number => checkWithFixes(code, d)
    const figures: Figure[] = []
    for (const apps of SIZES) {
      const design = generateDesign(apps)
      const edges = design.edges.filter((e) => e.kind === 'access').length
      log(
        `  ${apps} apps: ${design.nodes.length} nodes, ${design.edges.length} edges (${edges} access)`,
      )
      const big = apps === 10_000
      const runs = big ? 7 : 9
      const at = <T extends object>(target: T): T | object => (big ? target : {})
      // The yardstick runs warm. A cold check also pays for the collector moving the design
      // JSON.parse has just made out of the young generation (40-50 ms at 10,000 apps: the
      // "settled first" figure is a cold check without it); the warm ratio beside the cold one
      // shows the check's own work (README, Benchmarks).
      const linear = medianMs(() => linearPass(design), runs * 3, 5)
      const cold = medianColdMs(copyOf(design), checkDesign, runs)
      const settled = medianColdMs(settledCopyOf(design), checkDesign, runs)
      const warm = medianMs(() => checkDesign(design), runs)
      const fixes = medianColdMs(copyOf(design), withFixes, big ? 5 : runs, 1)
      // What the collector charges whatever code runs first after the parse: a check allocates
      // far more than this, so it pays at least as much (the gap between cold and settled).
      const toll = big ? medianColdMs(copyOf(design), () => garbage(TOLL_MB), runs) : undefined
      figures.push(
        { name: `findings, ${apps} apps`, value: checkDesign(design).length, unit: 'findings' },
        {
          name: `fixes and suggestions, ${apps} apps`,
          value: withFixes(design),
          unit: 'offers',
        },
        { name: `linear pass (warm), ${apps} apps`, value: round(linear), unit: 'ms' },
        {
          name: `check cold, ${apps} apps`,
          value: round(cold.ms),
          unit: 'ms',
          ...at({ target: { max: 100 } }),
          note: cpuNote(cold),
        },
        {
          name: `check cold, design settled first, ${apps} apps`,
          value: round(settled.ms),
          unit: 'ms',
          note: 'the parsed design moved out of the young generation before the timing',
        },
        { name: `check warm, ${apps} apps`, value: round(warm), unit: 'ms' },
        ...(toll
          ? [
              {
                name: `${TOLL_MB} MB of garbage right after the parse, ${apps} apps`,
                value: round(toll.ms),
                unit: 'ms',
                note: `the collector moving the parsed design; settled: ${round(medianMs(() => garbage(TOLL_MB), runs))} ms`,
              },
            ]
          : []),
        {
          name: `check cold / linear pass, ${apps} apps`,
          value: round(cold.ms / linear),
          unit: '×',
          ...at({ target: { max: 20 } }),
        },
        {
          name: `check warm / linear pass, ${apps} apps`,
          value: round(warm / linear),
          unit: '×',
        },
        {
          name: `check + every fix built, cold, ${apps} apps`,
          value: round(fixes.ms),
          unit: 'ms',
          ...at({ target: { max: 200 } }),
          note: cpuNote(fixes),
        },
      )
      if (apps === 1_000) figures.push(...recheck(code, design))
      figures.push(openSaved(code, design, apps, big ? 5 : runs))
      const plan = medianColdMs(copyOf(design), (d) => derivePlan(d), big ? 5 : runs, 1)
      figures.push({
        name: `plan cold, ${apps} apps`,
        value: round(plan.ms),
        unit: 'ms',
        ...at({ target: { max: 100 } }),
        note: cpuNote(plan),
      })
      const optimize = medianColdMs(copyOf(design), optimizeIdentities, big ? 5 : runs, 1)
      figures.push({
        name: `optimize cold, ${apps} apps`,
        value: round(optimize.ms),
        unit: 'ms',
        ...at({ target: { max: 250 } }),
        note: cpuNote(optimize),
      })
      // As "check cold, design settled first": the engine's own time beside the parse's toll.
      // Noisier than the check's: each settled run moves a 20 MB design into the old generation,
      // and with these larger allocations some timed runs then share the time with its marking
      // (a full collection first would shrink the young generation and cost more: measure.ts).
      if (big)
        figures.push(
          ...(
            [
              ['plan', (d: Design) => derivePlan(d)],
              ['optimize', optimizeIdentities],
            ] as const
          ).map(([what, fn]) => ({
            name: `${what} cold, design settled first, ${apps} apps`,
            value: round(medianColdMs(settledCopyOf(design), fn, 5, 1).ms),
            unit: 'ms',
          })),
        )
    }
    figures.push(...peakHeap(10_000), ...allocated(10_000))
    return figures
  },
}

/**
 * What opening a saved design costs before any check: the file's text (as Save and `idtopo
 * optimize` write it) parsed and validated, as the CLI and the designer load it. The text is
 * given to the loader past its size cap (MAX_DESIGN_CHARS, 8 MiB): a 10,000-app design saves to
 * about 15 MB, which the CLI and the designer refuse to open.
 */
function openSaved(code: DomainCode, design: Design, apps: number, runs: number): Figure {
  const text = code.serializeDesign(design)
  const open = medianColdMs(
    () => text,
    (saved) => {
      const parsed = code.parseDesign(JSON.parse(saved))
      if (!parsed.ok) throw new Error(`the saved design does not load: ${parsed.error[0]?.message}`)
      return parsed.value
    },
    runs,
    1,
  )
  return {
    name: `open a saved design (parse + validate), ${apps} apps`,
    value: round(open.ms),
    unit: 'ms',
    note: `a ${code.formatSize(text.length)} file; ${cpuNote(open)}`,
  }
}

/**
 * One edit (a role changed on one edge), then the check of the edited design: incrementally (what
 * the designer does after each edit; warm by nature, it keeps the parts the edit did not touch).
 */
function recheck({ applyEdits, IncrementalChecker }: DomainCode, design: Design): Figure[] {
  const edge = design.edges.find((e) => e.kind === 'access')
  if (!edge) throw new Error('no access edge')
  const versions = [design]
  for (let i = 1; i < 16; i++) {
    const role = i % 2 === 0 ? 'Storage Blob Data Contributor' : 'Storage Blob Data Reader'
    const result = applyEdits(versions[i - 1] as Design, [
      { type: 'updateEdge', id: edge.id, set: { roles: [role] } },
    ])
    if (!result.ok) throw new Error(result.error.message)
    versions.push(result.value)
  }
  const checker = new IncrementalChecker()
  checker.check(design)
  let i = 0
  const next = (): Design => versions[1 + (i++ % (versions.length - 1))] as Design
  const incremental = medianMs(() => checker.check(next()), 15, 5)
  return [
    {
      name: 're-check after one edit, 1000 apps',
      value: round(incremental),
      unit: 'ms',
      target: { max: 5 },
      note: 'incremental (warm): only the connected part the edit touched',
    },
  ]
}

/**
 * The heap a check of a large design needs, measured in a child process with --trace-gc: the
 * most V8 held at any collection during the check (or at its end) above what it held before,
 * and what the check's result keeps alive afterwards.
 */
function peakHeap(apps: number): Figure[] {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--trace-gc', 'bench/peak-heap.ts', String(apps)],
    { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
  )
  if (run.status !== 0) throw new Error(`peak-heap.ts failed: ${run.stderr}`)
  const lines = run.stdout.split('\n')
  const marker = (name: string): number[] => {
    const line = lines.find((l) => l.startsWith(`@${name} `))
    if (!line) throw new Error(`peak-heap.ts printed no @${name}`)
    return line.split(' ').slice(1).map(Number)
  }
  const [start = 0] = marker('start')
  const [end = 0] = marker('end')
  const [kept = 0] = marker('kept')
  const from = lines.findIndex((l) => l.startsWith('@start '))
  const to = lines.findIndex((l) => l.startsWith('@end '))
  let peak = end
  for (const line of lines.slice(from, to)) {
    // "Scavenge 45.2 (60.1) -> 30.1 (62.1) MB": the heap used before the collection comes first.
    const before = /: (?:Scavenge|Mark-Compact|Mark-sweep)\S* ([\d.]+) \(/.exec(line)
    if (before) peak = Math.max(peak, Number(before[1]))
  }
  return [
    {
      name: `peak heap during a check, ${apps} apps`,
      value: round(peak - start),
      unit: 'MB',
      note: 'above the heap holding the design (--trace-gc)',
    },
    { name: `heap kept by a check's result, ${apps} apps`, value: round(kept - start), unit: 'MB' },
  ]
}

/**
 * What one cold check, plan and optimize of a large design allocate, measured in a child process
 * whose young generation they cannot fill (bench/allocated.ts): a figure the machine's load does
 * not move, to compare code changes on a busy machine where times drift by a fifth.
 */
function allocated(apps: number): Figure[] {
  const semiSpace = '512'
  const run = spawnSync(
    process.execPath,
    [
      `--min-semi-space-size=${semiSpace}`,
      `--max-semi-space-size=${semiSpace}`,
      '--import',
      'tsx',
      'bench/allocated.ts',
      String(apps),
    ],
    { encoding: 'utf8' },
  )
  if (run.status !== 0) throw new Error(`allocated.ts failed: ${run.stderr}`)
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith('@allocated '))
    .map((line): Figure => {
      const [, name, mb] = line.split(' ')
      return {
        name: `allocated by one ${name} (cold), ${apps} apps`,
        value: round(Number(mb)),
        unit: 'MB',
        note: 'no collection during the call',
      }
    })
}
