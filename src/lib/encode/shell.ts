import { terminalText, TERMINAL_UNSAFE } from './terminal.ts'

/**
 * What a $'…' word writes as an escape: its own specials (backslash, quote) and what terminalText
 * shows (controls, separators, bidi controls, invisible format characters such as U+200B).
 */
const ANSI_C_SPECIAL = new RegExp(`[\\\\']|${TERMINAL_UNSAFE.source}`, 'gu')

/** The UTF-8 bytes of one character as `\xHH` escapes (locale-independent, unlike `\u`). */
function utf8Escapes(char: string): string {
  // A lone surrogate has no UTF-8 form: a file would hold U+FFFD, so the script says so too.
  const text = /\p{Cs}/u.test(char) ? '\uFFFD' : char
  return [...new TextEncoder().encode(text)]
    .map((b) => `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('')
}

function ansiCEscape(char: string): string {
  switch (char) {
    case '\\':
      return '\\\\'
    case "'":
      return "\\'"
    case '\n':
      return '\\n'
    case '\r':
      return '\\r'
    case '\t':
      return '\\t'
    // bash ends a $'…' word's value at NUL, and no command line can carry one: written as text.
    case '\0':
      return '\\\\x00'
    default:
      return utf8Escapes(char)
  }
}

/**
 * One bash word whose value is exactly `text`: `'…'` (every character literal, `'` written as
 * `'\''`), or `$'…'` when the text holds a control, separator, bidi or invisible format character
 * (U+200B…), so that the script itself never carries one raw where its reader cannot see it
 * (bash's ANSI-C quoting; those as UTF-8 `\xHH` bytes), or a `$` or a backquote (see below).
 * Nothing inside either form is expanded: no `$()`, backquote, `${…}` or glob runs.
 */
export function shellWord(text: string): string {
  // `$` and a backquote are inert in '…' too, but shellcheck takes them there for a mistake
  // (SC2016, "expressions don't expand in single quotes"): $'…' says the same without it.
  if (terminalText(text) === text && !/[$`]/.test(text)) return `'${text.replaceAll("'", "'\\''")}'`
  return `$'${text.replace(ANSI_C_SPECIAL, ansiCEscape)}'`
}

/**
 * A bash word for a value this tool makes (an id, a GUID, a role, a setting name): bare when it
 * holds only characters no shell reads specially (and does not start with `-`, so a command
 * cannot take it for an option), else a quoted `shellWord`.
 */
export function shellArg(text: string): string {
  return /^[A-Za-z0-9_./:=@%+,][A-Za-z0-9_./:=@%+,-]*$/.test(text) ? text : shellWord(text)
}

/** A `#` comment line: nothing in `text` can end it (bash ends comments only at a newline). */
export function shellComment(text: string): string {
  return `# ${terminalText(text)}`
}

/**
 * `NAME` keeps its value from the environment, else takes `value` (a shell word: a `shellWord`
 * or a command substitution this tool writes). Written as a test and an assignment rather than
 * `"${NAME:-…}"`, whose default would be expanded a second time inside the double quotes.
 */
export function shellDefault(name: string, value: string): string {
  return `if [ -z "\${${name}:-}" ]; then ${name}=${value}; fi`
}

/** The script stops with `message` on stderr when `test` (what goes between `[` and `]`) holds. */
export function shellStopIf(test: string, message: string): string {
  return `if [ ${test} ]; then printf '%s\\n' ${shellWord(message)} >&2; exit 1; fi`
}

/** `NAME` must come from the environment: else the script stops with `message` on stderr. */
export function shellRequired(name: string, message: string): string {
  return shellStopIf(`-z "\${${name}:-}"`, message)
}
