import { hex, quotedLiteral, UNSAFE_BUT_NEWLINE, visibleText } from './chars.ts'

/**
 * A Bicep string literal whose value is exactly `text`: `\\`, `\'`, `\n`, `\r`, `\t`, `\u{x}`
 * for other controls, separators and bidi characters, and `\${` so nothing is interpolated
 * (the escapes of Bicep's "Data types: Strings" and its lexer's SingleCharacterEscapes).
 */
export function bicepString(text: string): string {
  return quotedLiteral(text, "'", (cp) => `\\u{${hex(cp, 1)}}`).replaceAll('${', () => '\\${')
}

/**
 * An interpolated string of literal text and expressions this tool writes:
 * `bicepTemplate({ ref: 'account.id' }, '/sqlRoleDefinitions/…')` → `'${account.id}/sqlRoleDefinitions/…'`.
 */
export function bicepTemplate(...parts: readonly (string | { readonly ref: string })[]): string {
  const body = parts.map((p) =>
    typeof p === 'string' ? bicepString(p).slice(1, -1) : `\${${p.ref}}`,
  )
  return `'${body.join('')}'`
}

/** A `//` comment: nothing in `text` can end it (Bicep's lexer ends comments at `\n` or `\r`). */
export function bicepComment(text: string): string {
  return `// ${visibleText(text)}`
}

/**
 * Lines of Bicep this tool wrote, kept in the file but switched off (a scope the file cannot
 * deploy): each becomes a `//` comment. Bicep code from these encoders never holds a line break
 * inside a line; one that did would leave the comment, so it is a bug and throws.
 */
export function bicepCommentedOut(lines: readonly string[]): string[] {
  return lines.map((l) => {
    if (/[\r\n]/.test(l)) throw new Error('a line of generated Bicep holds a line break')
    return `// ${l}`
  })
}

/**
 * A multi-line value, readable: a `'''` string when it can hold `text` verbatim (no `'''` inside,
 * not ending in a quote, no control but newlines: such a string has no escapes at all, and a raw
 * `\r` would read differently in a CRLF file), else a one-line string with escapes.
 */
export function bicepMultiline(text: string): string {
  return text.includes("'''") || text.endsWith("'") || UNSAFE_BUT_NEWLINE.test(text)
    ? bicepString(text)
    : `'''\n${text}'''`
}
