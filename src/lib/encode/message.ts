import { TERMINAL_UNSAFE } from './terminal.ts'

/**
 * What makes `messageQuote` write a JSON string: a quote or a backslash, or what a reader cannot
 * see (terminal.ts; its controls include every one JSON escapes).
 */
const NEEDS_ESCAPE = new RegExp(`["\\\\]|${TERMINAL_UNSAFE.source}`, 'u')

/**
 * A name or a role as a finding's message or a fix's title quotes it: `"text"`, or its JSON
 * string when it holds quotes, backslashes or controls, with what JSON leaves raw and no reader
 * sees also escaped: bidi controls (they reorder the message around them), DEL and C1 controls,
 * line and paragraph separators, invisible format characters such as U+200B (as `\u200b`). An
 * emoji's zero-width joiner stays. No name can break a message's layout or hide in it.
 */
export function messageQuote(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return `"${text}"`
  return JSON.stringify(text).replace(TERMINAL_UNSAFE, (char) => {
    let out = ''
    for (let i = 0; i < char.length; i++)
      out += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`
    return out
  })
}
