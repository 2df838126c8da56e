/** One measured figure. `--json` prints exactly `{ name, value, unit }` per figure. */
export interface Figure {
  readonly name: string
  readonly value: number
  readonly unit: string
  /** What it should stay under (shown beside the figure in text output, never in JSON). */
  readonly target?: { readonly max: number; readonly unit?: string }
  /** A remark shown after the figure in text output. */
  readonly note?: string
}

/**
 * A benchmark suite: one file in bench/suites/ exporting `suite`. bench/run.ts finds every file
 * there, so an area adds its benchmarks by adding a file.
 */
export interface BenchSuite {
  readonly name: string
  /** `log` writes progress to stderr (silent with --json). */
  run(log: (line: string) => void): Promise<readonly Figure[]> | readonly Figure[]
}
