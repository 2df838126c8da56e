import { hex, UNSAFE_BUT_NEWLINE } from './encode/chars.ts'

const RAW_AFTER_STRINGIFY = new RegExp(UNSAFE_BUT_NEWLINE.source, 'gu')

/**
 * JSON with two-space indent and a final newline: what every file this tool writes looks like.
 * JSON.stringify leaves DEL, C1 controls, U+2028/2029 and bidi controls raw in strings: they are
 * written as `\uXXXX` too (the same value), so that no file or terminal shows them raw. (Its only
 * raw line feeds are the indentation's.)
 */
export function stableJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(
    RAW_AFTER_STRINGIFY,
    (c) => `\\u${hex(c.codePointAt(0) ?? 0, 4).toLowerCase()}`,
  )
  return `${text}\n`
}
