import { visibleText } from './chars.ts'

/**
 * A piece of text for a terminal (progress lines, summaries, messages on stderr): one line, with
 * carriage returns, escape sequences (ANSI colours, cursor moves, OSC titles), bidi controls and
 * every other control shown as `\r`, `\x1B`, `<U+202E>`… so no name can move the cursor, recolour
 * or overwrite the line that announces a grant.
 */
export function terminalText(text: string): string {
  return visibleText(text)
}

/** Several lines for a terminal: each line made safe on its own, the line breaks kept. */
export function terminalLines(text: string): string {
  return text.split('\n').map(terminalText).join('\n')
}
