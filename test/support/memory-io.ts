import { normalize } from 'node:path'
import { fileError, type CliIO } from '@/cli/io.ts'

/** A CliIO over an in-memory file map, capturing stdout and stderr. */
export function memoryIO(files: Record<string, string> = {}) {
  const out: string[] = []
  const err: string[] = []
  const written: Record<string, string> = {}
  const io: CliIO = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: async (path, maxChars) => {
      const text = files[path] ?? written[path]
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })
      if (text.length > maxChars) throw fileError('EFBIG', path, text.length)
      return text
    },
    sameFile: async (a, b) => normalize(a) === normalize(b),
    writeFile: async (path, text) => {
      if (path.startsWith('/readonly/'))
        throw Object.assign(new Error('EACCES'), { code: 'EACCES' })
      written[path] = text
    },
    unwritable: async (path) => (path.startsWith('/readonly/') ? 'EACCES' : undefined),
    color: false,
  }
  return {
    io,
    written,
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  }
}
