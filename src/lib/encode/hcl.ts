import { hex, quotedLiteral, UNSAFE_BUT_NEWLINE, visibleText } from './chars.ts'

/**
 * `${` and `%{` open template sequences in quoted strings and heredocs alike; `$${` and `%%{` are
 * literal. (Replacer functions: in a replacement string `$$` would itself mean one `$`.)
 */
function templateLiteral(text: string): string {
  return text.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{')
}

/**
 * An HCL quoted string whose value is `text`: `\\`, `\"`, `\n`, `\r`, `\t`, `\uNNNN` for other
 * controls, separators and bidi characters (HCL native syntax spec, "Template Expressions"), and
 * `${`/`%{` doubled so nothing is interpolated or evaluated. HCL normalizes every string literal
 * to NFC, escapes included (hashicorp/hcl, read through @cdktn/hcl2json: U+0F93 reads back as
 * U+0F92 U+0FB7): a name in another normal form reaches Terraform in NFC.
 */
export function hclString(text: string): string {
  return templateLiteral(
    quotedLiteral(text, '"', (cp) =>
      // HCL refuses `\uD800` ("Cannot encode character in UTF-8"): a lone surrogate is U+FFFD.
      cp >= 0xd800 && cp <= 0xdfff ? '\\uFFFD' : `\\u${hex(cp, 4)}`,
    ),
  )
}

/**
 * A quoted template of literal text and references this tool writes (`data.x.id`):
 * `hclTemplate({ ref: 'data.x.id' }, '/providers/…')` → `"${data.x.id}/providers/…"`.
 */
export function hclTemplate(...parts: readonly (string | { readonly ref: string })[]): string {
  const body = parts.map((p, i) => {
    if (typeof p !== 'string') return `\${${p.ref}}`
    const literal = hclString(p).slice(1, -1)
    // A literal `$` right before `${` would read as the escape `$${`: write it as `\u0024`.
    return literal.endsWith('$') && typeof parts[i + 1] === 'object'
      ? `${literal.slice(0, -1)}\\u0024`
      : literal
  })
  return `"${body.join('')}"`
}

/** A `#` comment: nothing in `text` can end it (HCL ends line comments at `\n` or `\r\n`). */
export function hclComment(text: string): string {
  return `# ${visibleText(text)}`
}

/**
 * A multi-line value, readable: a `<<` heredoc whose closing marker appears nowhere in the text
 * (HCL ends a heredoc at any line that is the marker once trimmed), template sequences escaped,
 * the lines at column 0 (a `<<-` heredoc would not strip the indentation of blank lines, so the
 * value would change). Text with controls other than newlines, or without a final newline,
 * becomes a quoted string. Returns the lines; the first continues the attribute (`value = …`).
 */
export function hclMultiline(text: string): string[] {
  if (UNSAFE_BUT_NEWLINE.test(text) || !text.endsWith('\n')) return [hclString(text)]
  let marker = 'EOT'
  for (let i = 1; text.includes(marker); i++) marker = `EOT_${i}`
  return [`<<${marker}`, ...templateLiteral(text).slice(0, -1).split('\n'), marker]
}
