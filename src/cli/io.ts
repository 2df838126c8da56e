/** What a command may touch: injected so tests run commands in memory. */
export interface CliIO {
  stdout(text: string): void
  stderr(text: string): void
  /**
   * Reads a design file (`-`: standard input). Rejects with an error whose `code` says why: `ENOENT`, `ENOTFILE` (a FIFO,
   * device or directory: reading it could wait forever), `EFBIG` (over `maxChars`, with `size`), or
   * any system code.
   */
  readFile(path: string, maxChars: number): Promise<string>
  writeFile(path: string, text: string): Promise<void>
  /**
   * Why a file could not be written at `path` (`ENOENT` for a missing folder, `EISDIR`, `EACCES`,
   * …), or undefined when it could: asked before work that cannot be undone (apply).
   */
  unwritable(path: string): Promise<string | undefined>
  /** Do two paths name the same existing file (links and spellings included)? */
  sameFile(a: string, b: string): Promise<boolean>
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

/** The error a CliIO rejects with when a file cannot be a design. */
export function fileError(code: 'ENOTFILE' | 'EFBIG', message: string, size?: number): Error {
  return Object.assign(new Error(message), { code, ...(size !== undefined ? { size } : {}) })
}
