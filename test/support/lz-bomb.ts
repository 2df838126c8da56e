/**
 * An lz-string `compressToEncodedURIComponent` stream written code by code: one literal, then
 * `repeats` times the code that means "the previous entry plus its first character" (LZW's
 * KwKwK case), then the end code. Each repeat is one character longer than the last, so the output
 * is `repeats²/2` characters: about 20,000 repeats (a 45 KB link) inflate to 200 million.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$'

export function lzBomb(repeats: number, char = 'a'): { link: string; inflatedLength: number } {
  const out: string[] = []
  let value = 0
  let filled = 0
  const write = (bits: number, count: number): void => {
    for (let i = 0; i < count; i++) {
      // least significant bit first, packed most significant first into 6-bit characters
      value = (value << 1) | ((bits >> i) & 1)
      if (++filled === 6) {
        out.push(ALPHABET.charAt(value))
        value = 0
        filled = 0
      }
    }
  }
  write(0, 2)
  write(char.charCodeAt(0), 8)
  let dictSize = 4
  let numBits = 3
  let enlargeIn = 4
  for (let i = 0; i < repeats; i++) {
    write(dictSize, numBits)
    dictSize++
    if (--enlargeIn === 0) enlargeIn = 1 << numBits++
  }
  write(2, numBits)
  if (filled > 0) write(0, 6 - filled)
  return { link: out.join(''), inflatedLength: ((repeats + 1) * (repeats + 2)) / 2 }
}
