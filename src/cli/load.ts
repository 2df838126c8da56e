import { formatProblem } from '../model/problems.ts'
import { parseDesignText } from '../model/parse.ts'
import type { Design } from '../model/types.ts'
import { CliError, type CliIO } from './io.ts'

/** Reads and validates a design file; any problem becomes exit 2 with every path listed. */
export async function loadDesign(io: CliIO, file: string): Promise<Design> {
  let text: string
  try {
    text = await io.readFile(file)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new CliError(
      `${file}: cannot read the file${code === 'ENOENT' ? ' (no such file)' : code ? ` (${code})` : ''}`,
    )
  }
  const parsed = parseDesignText(text)
  if (!parsed.ok) {
    const lines = parsed.error.map((p) => `  ${formatProblem(p)}`)
    throw new CliError(
      `${file}: invalid design (${parsed.error.length} problem${parsed.error.length === 1 ? '' : 's'})\n${lines.join('\n')}`,
    )
  }
  return parsed.value
}

/** Writes to --out when given, else to stdout. */
export async function emit(io: CliIO, text: string, out: string | undefined): Promise<void> {
  if (out === undefined) {
    io.stdout(text)
    return
  }
  try {
    await io.writeFile(out, text)
  } catch (e) {
    throw new CliError(
      `${out}: cannot write the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
    )
  }
}
