import { err, ok, type Result } from '../../lib/result.ts'

/**
 * lz-string's `decompressFromEncodedURIComponent`, with a ceiling on what it may produce.
 *
 * lz-string has no output cap: each code may repeat the previous entry plus one character, so
 * output grows with the square of the input — a 45 KB link inflates to 200 million characters and
 * the page hangs or dies decoding it. This decoder follows the same format (LZW codes of growing
 * width, 6 bits per URI-safe character, most significant bit first; codes 0/1 a literal 8/16-bit
 * character, 2 the end) and stops as soon as the output would pass `maxChars`.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$'
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]))
const BITS_PER_CHAR = 6

export type InflateFailure = 'damaged' | 'tooLarge'

class Damaged extends Error {}

export function inflateUriSafe(input: string, maxChars: number): Result<string, InflateFailure> {
  if (input === '') return err('damaged')
  // Some mail clients turn '+' into ' ' (lz-string undoes the same).
  const text = input.replace(/ /g, '+')
  let index = 0
  let value = 0
  let position = 0
  const readBits = (count: number): number => {
    let bits = 0
    for (let power = 1; power !== 1 << count; power <<= 1) {
      if (position === 0) {
        // Past the end reads zeros, as lz-string does; the end code must still come.
        const next = index < text.length ? VALUE.get(text.charAt(index)) : 0
        if (next === undefined) throw new Damaged()
        value = next
        index++
        position = 1 << (BITS_PER_CHAR - 1)
      }
      if (value & position) bits |= power
      position >>= 1
    }
    return bits
  }
  const literal = (code: number): string => String.fromCharCode(readBits(code === 0 ? 8 : 16))

  try {
    const first = readBits(2)
    if (first === 2) return ok('')
    if (first !== 0 && first !== 1) return err('damaged')
    const dictionary: string[] = []
    let dictSize = 4
    let numBits = 3
    let enlargeIn = 4
    let w = literal(first)
    dictionary[3] = w
    const out = [w]
    let total = w.length
    const grow = (): void => {
      if (--enlargeIn === 0) enlargeIn = 1 << numBits++
    }
    for (;;) {
      if (index > text.length) return err('damaged')
      let code = readBits(numBits)
      if (code === 2) return ok(out.join(''))
      if (code === 0 || code === 1) {
        dictionary[dictSize] = literal(code)
        code = dictSize++
        grow()
      }
      const known = dictionary[code]
      const entry = known ?? (code === dictSize ? w + w.charAt(0) : undefined)
      if (entry === undefined) return err('damaged')
      total += entry.length
      if (total > maxChars) return err('tooLarge')
      out.push(entry)
      dictionary[dictSize++] = w + entry.charAt(0)
      grow()
      w = entry
    }
  } catch (e) {
    if (e instanceof Damaged) return err('damaged')
    throw e
  }
}
