import { hex, quotedLiteral, visibleText } from './chars.ts'

/**
 * A Java string literal whose value is exactly `text`. Java translates `\uXXXX` before it lexes
 * (JLS §3.3): the text's backslashes are doubled, so none of them starts one, and below U+0100
 * the escapes are octal, since `\u000A` would become a raw line feed inside the literal.
 */
export function javaString(text: string): string {
  return (
    quotedLiteral(text, '"', (cp) =>
      cp < 0x100 ? `\\${cp.toString(8).padStart(3, '0')}` : `\\u${hex(cp, 4)}`,
    )
      // javac (17) reads `\\u` right after a high-surrogate `\uD8xx` escape as a Unicode escape
      // ("illegal unicode escape"): that backslash is written in octal, `\134`, instead.
      .replace(/(\\u[Dd][89AaBb][0-9A-Fa-f]{2})\\\\/g, '$1\\134')
  )
}

/**
 * A `//` comment. Backslashes are doubled: in a comment too, `\u000a` would end the line and
 * `\u` + non-hex is a compile error, and a backslash preceded by an odd number of backslashes
 * starts no escape (JLS §3.3).
 */
export function javaComment(text: string): string {
  return `// ${visibleText(text.replaceAll('\\', '\\\\'))}`
}
