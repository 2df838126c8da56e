import { quotedLiteral, visibleText, xOrU } from './chars.ts'

/** A double-quoted Python 3 str literal whose value is exactly `text` (`\xHH`, `\uHHHH` escapes). */
export function pythonString(text: string): string {
  return quotedLiteral(text, '"', xOrU)
}

/**
 * A `#` comment: no line end (LF, CR) and no NUL, which Python refuses anywhere in source, can
 * occur in it.
 */
export function pythonComment(text: string): string {
  return `# ${visibleText(text)}`
}
