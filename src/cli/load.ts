import { formatSize, MAX_DESIGN_CHARS, oversizeWarning } from '../model/limits.ts'
import { formatProblem } from '../model/problems.ts'
import { parseDesignText } from '../model/parse.ts'
import { serializeDesign } from '../model/serialize.ts'
import type { Design } from '../model/types.ts'
import { terminalText } from '../lib/encode/terminal.ts'
import { CliError, type CliIO } from './io.ts'

/**
 * Reads and validates a design file; any problem becomes exit 2 with every path listed. `writes`
 * are the files the command will write (`--out`, `--report`): checked first, so that no command
 * can ever overwrite the design it reads, even through another spelling or a link.
 */
export async function loadDesign(
  io: CliIO,
  file: string,
  writes: Readonly<Record<string, unknown>> = {},
): Promise<Design> {
  return (await readDesign(io, file, writes)).design
}

/** loadDesign with the text it was read from (SARIF points at lines of that very text). */
export async function readDesign(
  io: CliIO,
  file: string,
  writes: Readonly<Record<string, unknown>> = {},
): Promise<{ design: Design; text: string }> {
  for (const [flag, out] of Object.entries(writes)) {
    // `-` is a stream, standard input or output: never the same file as the other.
    if (out === '-' || file === '-') continue
    if (typeof out === 'string' && (out === file || (await io.sameFile(out, file))))
      throw new CliError(
        `${flag} ${out}: that is the input design ${file}; write the result to another file (the input is never overwritten)`,
      )
  }
  let text: string
  try {
    text = await io.readFile(file, MAX_DESIGN_CHARS)
  } catch (e) {
    const failure = e as NodeJS.ErrnoException & { size?: number }
    throw new CliError(
      file === '-'
        ? `standard input: ${failure.code === 'ENOTFILE' ? 'a terminal: pipe a design into it, or name a file' : readFailure(failure)}`
        : `${file}: ${readFailure(failure)}`,
    )
  }
  // JSON.parse would say "Unexpected end of JSON input", which reads as a truncated design.
  if (text.trim() === '')
    throw new CliError(
      file === '-'
        ? 'standard input: empty: nothing was piped in; pipe a design into it, or name a file'
        : `${terminalText(file)}: the file is empty${text === '' ? '' : ' (only blank space)'}: a design file holds the JSON of a design`,
    )
  const parsed = parseDesignText(text)
  if (!parsed.ok) {
    const lines = parsed.error.map((p) => `  ${formatProblem(p)}`)
    throw new CliError(
      `${file}: invalid design (${parsed.error.length} problem${parsed.error.length === 1 ? '' : 's'})\n${lines.join('\n')}`,
    )
  }
  return { design: parsed.value, text }
}

function readFailure(e: NodeJS.ErrnoException & { size?: number }): string {
  switch (e.code) {
    case 'ENOENT':
      return 'cannot read the file (no such file)'
    case 'ENOTFILE':
    case 'EISDIR':
      return 'not a regular file (a directory, FIFO or device): give the path of a design file'
    case 'EFBIG':
      return `the file is ${formatSize(e.size ?? MAX_DESIGN_CHARS)}; designs are limited to ${formatSize(MAX_DESIGN_CHARS)}`
    default:
      return `cannot read the file${e.code ? ` (${e.code})` : ''}`
  }
}

/** Why a file could not be written, in words, with the system's code. */
export function writeFailure(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'cannot write the file: its folder does not exist (ENOENT)'
    case 'EISDIR':
      return 'cannot write the file: that is a folder (EISDIR)'
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `cannot write the file: no permission (${code})`
    default:
      return `cannot write the file${code ? ` (${code})` : ''}`
  }
}

/**
 * Refuses an output path that cannot be written (`-` is stdout) before work that cannot be undone
 * or takes long (apply, reading a whole resource group): `nothing` says that none was done.
 */
export async function refuseUnwritable(
  io: CliIO,
  flag: string,
  path: string | undefined,
  nothing: string,
): Promise<void> {
  if (path === undefined || path === '-') return
  const cannot = await io.unwritable(path)
  if (cannot)
    throw new CliError(`${flag} ${terminalText(path)}: ${writeFailure(cannot)}; ${nothing}`)
}

/**
 * Writes a command's output to stdout, or to the file of `--out` and says so on stderr (what was
 * written, where, how big): a pipeline log shows the step did something.
 */
export async function emit(
  io: CliIO,
  text: string,
  out: string | undefined,
  what: string,
): Promise<void> {
  if (out === undefined || out === '-') {
    io.stdout(text)
    return
  }
  try {
    await io.writeFile(out, text)
  } catch (e) {
    throw new CliError(
      `${terminalText(out)}: ${writeFailure((e as NodeJS.ErrnoException).code ?? String(e))}`,
    )
  }
  io.stderr(`Wrote ${what} to ${terminalText(out)} (${formatBytes(Buffer.byteLength(text))}).\n`)
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`
}

/** As emit, for a design: its file text, and a warning when that text is too large to open again. */
export async function emitDesign(
  io: CliIO,
  design: Design,
  out: string | undefined,
  what: string,
): Promise<void> {
  const text = serializeDesign(design)
  await emit(io, text, out, what)
  const warning = oversizeWarning(text.length)
  if (warning) io.stderr(`warning: ${warning}\n`)
}
