import { constants } from 'node:fs'
import { dirname } from 'node:path'
import { getSystemErrorMap } from 'node:util'
import { access, open, stat, writeFile } from 'node:fs/promises'
import { fileError, type CliIO } from './io.ts'

/**
 * Opens without blocking (a FIFO with no writer would otherwise hold `open` forever), then reads
 * only a regular file of at most `maxChars` bytes (a UTF-8 text has at most as many characters).
 */
async function readDesignFile(path: string, maxChars: number): Promise<string> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw fileError('ENOTFILE', `${path} is not a regular file`)
    if (info.size > maxChars) throw fileError('EFBIG', `${path} is too large`, info.size)
    return await handle.readFile('utf8')
  } finally {
    await handle.close()
  }
}

/** `-`: the design piped into standard input, read to its end (at most `maxChars`). */
async function readStdin(maxChars: number): Promise<string> {
  if (process.stdin.isTTY)
    throw fileError(
      'ENOTFILE',
      'standard input is a terminal: pipe a design into it, or name a file',
    )
  process.stdin.setEncoding('utf8')
  let text = ''
  for await (const chunk of process.stdin) {
    text += chunk as string
    if (text.length > maxChars) throw fileError('EFBIG', 'standard input is too large', text.length)
  }
  return text
}

async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [x, y] = await Promise.all([stat(a), stat(b)])
    return x.dev === y.dev && x.ino === y.ino
  } catch {
    return false // one of them does not exist yet: writing it cannot touch the other
  }
}

async function unwritable(path: string): Promise<string | undefined> {
  const code = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? String(e)
  try {
    if ((await stat(path)).isDirectory()) return 'EISDIR'
    await access(path, constants.W_OK)
    return undefined
  } catch (e) {
    if (code(e) !== 'ENOENT') return code(e)
  }
  // A new file: its folder must exist and take it.
  try {
    await access(dirname(path), constants.W_OK)
    return undefined
  } catch (e) {
    return code(e)
  }
}

export const nodeIO: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readFile: (path, maxChars) =>
    path === '-' ? readStdin(maxChars) : readDesignFile(path, maxChars),
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
  unwritable,
  sameFile,
  color: wantsColor(process.stdout.isTTY, process.env),
}

/**
 * Colour only on a terminal that shows it: not with NO_COLOR set to anything but empty
 * (no-color.org), nor on TERM=dumb (Emacs shells, some CI logs), which prints escapes as text.
 */
export function wantsColor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return Boolean(isTTY) && !env.NO_COLOR && env.TERM !== 'dumb'
}

/**
 * Watches the writes to a standard stream. `idtopo check big.json | head`: once the reader is
 * gone, writes fail with EPIPE. That is the reader's choice, not an error: end quietly with the
 * exit code so far instead of a stack trace. Any other failure (`> /dev/full`: ENOSPC, EIO) lost
 * output that was asked for: `onLost` hears of it once, and the command goes on to its end (apply
 * still writes its --report) rather than stopping halfway.
 */
export function watchWrites(
  stream: NodeJS.WriteStream,
  onLost: (e: NodeJS.ErrnoException) => void,
): void {
  let told = false
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE')
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0)
    if (told) return
    told = true
    onLost(e)
  })
}

/** `no space left on device (ENOSPC)`: the system's words for a failed call, with its code. */
export function systemErrorText(e: NodeJS.ErrnoException): string {
  const words = typeof e.errno === 'number' ? getSystemErrorMap().get(e.errno)?.[1] : undefined
  return words && e.code ? `${words} (${e.code})` : e.message
}
