/** What a command may touch: injected so tests run commands in memory. */
export interface CliIO {
  stdout(text: string): void
  stderr(text: string): void
  readFile(path: string): Promise<string>
  writeFile(path: string, text: string): Promise<void>
  /** Colour output when stdout is a terminal. */
  readonly color: boolean
}

/** Exit codes of PRODUCT.md §8. */
export const EXIT = { ok: 0, findings: 1, invalid: 2 } as const

/** A user-facing failure: printed on stderr as one message, never as a stack trace. */
export class CliError extends Error {
  readonly exitCode: number
  constructor(message: string, exitCode: number = EXIT.invalid) {
    super(message)
    this.exitCode = exitCode
  }
}
