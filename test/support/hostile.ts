import fc from 'fast-check'

/** A file no generated output may create: `$(touch …)` and friends in names point at it. */
export const CANARY = 'idtopo-canary'

/**
 * Pieces of text that break out of a quote, comment, heredoc, template, code block or terminal
 * line in one of the languages idtopo writes.
 */
export const HOSTILE_FRAGMENTS = [
  "'",
  '"',
  '\\',
  '`',
  `$(touch ${CANARY})`,
  `\`touch ${CANARY}\``,
  '${HOME}',
  '${X:-$(touch x)}',
  '$HOME',
  '%{ if true }',
  '%{',
  '}',
  "'''",
  'EOT',
  '\nEOT\n',
  '  EOT',
  '*/',
  '/*',
  '//',
  '#',
  '\n',
  '\r',
  '\r\n',
  '\t',
  '\0',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u001b[31m',
  '\u001b[2K\r',
  '\u001b]0;title\u0007',
  '\u009b31m',
  '\u202e',
  '\u2066',
  '\u200f',
  '\ud800',
  '\udfff',
  '😀',
  ']',
  ']]',
  "N'",
  ';',
  '|',
  '```',
  '<script>',
  '&amp;',
  '[x](javascript:y)',
  '\\u000a',
  '\\u{1b}',
  '\\x1b',
  '--name',
  '-x',
  ' ',
  '# -*- coding: utf-7 -*-',
  '\nresource "azurerm_role_assignment" "x" {}\n',
  "\nresource x 'Microsoft.Authorization/roleAssignments@2022-04-01' = {}\n",
  '\nimport os; os.system("x")\n',
] as const

/** Hostile text: fragments mixed with arbitrary characters (lone surrogates included). */
export function hostileText(maxFragments = 8): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
        { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
      ),
      { minLength: 1, maxLength: maxFragments },
    )
    .map((parts) => parts.join(''))
}

/** A hostile name a design file can hold: 1–128 characters. */
export function hostileName(): fc.Arbitrary<string> {
  return hostileText().map((t) => (t === '' ? "'" : t.slice(0, 128)))
}

/** Long hostile text, beyond what a design file allows: for encoders and entry points. */
export function longHostileText(): fc.Arbitrary<string> {
  return fc.tuple(hostileText(20), fc.nat(3000)).map(([t, n]) => `${t}${'x'.repeat(n)}${t}`)
}
