import { quotedLiteral, visibleText, xOrU } from './chars.ts'

/** A double-quoted TypeScript string literal whose value is exactly `text`. */
export function typescriptString(text: string): string {
  return quotedLiteral(text, '"', xOrU)
}

/** A `//` comment: none of ECMAScript's line terminators (LF, CR, U+2028, U+2029) occurs in it. */
export function typescriptComment(text: string): string {
  return `// ${visibleText(text)}`
}
