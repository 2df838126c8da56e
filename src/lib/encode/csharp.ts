import { hex, quotedLiteral, visibleText } from './chars.ts'

/**
 * A C# regular string literal whose value is exactly `text`. C# forbids every new-line character
 * in one (CR, LF, U+0085, U+2028, U+2029): those and all other controls and bidi characters are
 * `\uXXXX` escapes — never `\x`, after which C# reads up to four hex digits.
 */
export function csharpString(text: string): string {
  return quotedLiteral(text, '"', (cp) => `\\u${hex(cp, 4)}`)
}

/** A `//` comment: none of C#'s new-line characters can occur in it. */
export function csharpComment(text: string): string {
  return `// ${visibleText(text)}`
}
