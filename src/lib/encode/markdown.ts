import { terminalText } from './terminal.ts'

/**
 * Inline Markdown text (a heading, a list item, a table cell) that renders as exactly `text`:
 * shown on one line as a terminal shows it (`terminalText`: controls and invisible format
 * characters such as U+200B written `<U+200B>`, since a rendered page hides them as a terminal
 * does, and two names that read alike could differ), then every character CommonMark or GFM could read as markup
 * escaped with a backslash, which CommonMark allows before any ASCII punctuation: backslash,
 * code, emphasis, links and images, strikethrough, table pipes, a heading's closing `#`; `_` only
 * where it could open or close emphasis, `<` before what could be a tag or autolink, `&` before
 * what could be an entity.
 */
export function markdownText(text: string): string {
  return terminalText(text).replace(
    /[\\`*[\]|~#]|_(?![A-Za-z0-9])|(?<![A-Za-z0-9])_|<(?=[A-Za-z/?!])|&(?=[A-Za-z#])/g,
    (c) => `\\${c}`,
  )
}

/**
 * The text of a list item (`- text`), which CommonMark parses as blocks: `markdownText`, and a
 * start that would open a block inside the item written as text — a block quote (`>`), a nested
 * list (`-`, `+`, `1.`, `1)`), a thematic break (`---`), or leading spaces (four make indented
 * code), which become `&#32;`.
 */
export function markdownItem(text: string): string {
  return markdownText(text)
    .replace(/^ +/, (spaces) => '&#32;'.repeat(spaces.length))
    .replace(/^(?:[>+-]|\d{1,9}(?=[.)]))/, (start) =>
      /^\d/.test(start) ? `${start}\\` : `\\${start}`,
    )
}

/**
 * An inline code span (also in a table cell): a backtick string longer than any inside the text,
 * a space of padding when the text starts or ends with a backtick. GFM splits table cells at a
 * pipe even inside code, and a backslash in code cannot escape one: text with `|` or a backslash is
 * written as escaped plain text instead.
 */
export function markdownCode(text: string): string {
  const shown = terminalText(text)
  if (/[|\\]/.test(shown)) return markdownText(text)
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length))
  const ticks = '`'.repeat(longest + 1)
  const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : ''
  return `${ticks}${pad}${shown}${pad}${ticks}`
}

/**
 * A fenced code block holding `code` (already encoded for its language): the fence is a backtick
 * string longer than any run of backticks in the code, so no line of it can close the block.
 */
export function markdownFence(code: string, info = ''): string[] {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return [`${fence}${info}`, ...code.split('\n'), fence]
}
