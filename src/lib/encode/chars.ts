/**
 * Characters no generated output ever holds raw, whatever the language: controls (C0, DEL, C1 —
 * newline, carriage return, escape, NUL…), the line and paragraph separators (U+2028/2029, line
 * ends in C# and JavaScript; U+0085 is a C1 control and a C# line end), the bidirectional
 * formatting controls (they reorder what a reader sees: "Trojan Source") and lone surrogates
 * (they have no UTF-8 form). Every encoder in this folder writes them as escapes or visibly.
 */
export const UNSAFE_CHAR = /[\p{Cc}\p{Zl}\p{Zp}\p{Bidi_Control}\p{Cs}]/u

/** `UNSAFE_CHAR` except the line feed: what a verbatim multi-line string may not hold. */
export const UNSAFE_BUT_NEWLINE = /(?!\n)[\p{Cc}\p{Zl}\p{Zp}\p{Bidi_Control}\p{Cs}]/u

/** A fresh global copy of `UNSAFE_CHAR` with extra characters, for `String.replace`. */
export function unsafeOr(extra: string): RegExp {
  return new RegExp(`[\\p{Cc}\\p{Zl}\\p{Zp}\\p{Bidi_Control}\\p{Cs}${extra}]`, 'gu')
}

/** Upper-case hexadecimal of a code point, at least `digits` long. */
export function hex(codePoint: number, digits: number): string {
  return codePoint.toString(16).toUpperCase().padStart(digits, '0')
}

/** The code point of a one-character match (a lone surrogate is its own code unit). */
export function codePointOf(char: string): number {
  return char.codePointAt(0) ?? 0
}

/**
 * How an unsafe character is shown where it can only be read, never decoded (comments, terminal
 * text): `\n`, `\r`, `\t`, `\x1B` below U+0100, `<U+202E>` above. No backslash-u form, since a
 * Java comment would decode it (JLS §3.3), and nothing that is a line end anywhere.
 */
export function visibleChar(char: string): string {
  switch (char) {
    case '\n':
      return '\\n'
    case '\r':
      return '\\r'
    case '\t':
      return '\\t'
    default: {
      const cp = codePointOf(char)
      return cp < 0x100 ? `\\x${hex(cp, 2)}` : `<U+${hex(cp, 4)}>`
    }
  }
}

/** Text with every unsafe character shown by `visibleChar`: one line, nothing a reader misses. */
export function visibleText(text: string): string {
  return text.replace(unsafeOr(''), visibleChar)
}

/**
 * `quote` + `text` + `quote`, with the escapes C-like languages share (`\\`, the quote, `\n`,
 * `\r`, `\t`) and `other` for every other unsafe character (given its code point).
 */
export function quotedLiteral(
  text: string,
  quote: '"' | "'",
  other: (codePoint: number) => string,
): string {
  const body = text.replace(unsafeOr(`\\\\${quote}`), (char) => {
    switch (char) {
      case '\\':
      case quote:
        return `\\${char}`
      case '\n':
        return '\\n'
      case '\r':
        return '\\r'
      case '\t':
        return '\\t'
      default:
        return other(codePointOf(char))
    }
  })
  return `${quote}${body}${quote}`
}

/** `\xHH` below U+0100, `\uHHHH` above: what JavaScript and Python both read. */
export function xOrU(codePoint: number): string {
  return codePoint < 0x100 ? `\\x${hex(codePoint, 2)}` : `\\u${hex(codePoint, 4)}`
}
