import { readFile, writeFile } from 'node:fs/promises'
import type { CliIO } from './io.ts'

export const nodeIO: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readFile: (path) => readFile(path, 'utf8'),
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
}
