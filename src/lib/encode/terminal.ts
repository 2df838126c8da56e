import { visibleChar } from './chars.ts'

/**
 * What a terminal line never shows raw: every character `visibleText` shows (controls, line and
 * paragraph separators, bidi controls, lone surrogates) and every other format character
 * (Unicode category Cf): zero-width space, word joiner, BOM, soft hyphen, tag characters
 * (U+E0000–E007F: they can spell hidden ASCII, so a subdivision flag's tags are shown too)… A
 * terminal draws them as nothing, so two names that read alike could differ, or a name could
 * carry text no one sees.
 *
 * The zero-width joiner (U+200D) is one of them, except between two pictographs (an emoji skin
 * tone or variation selector may follow the first), where it builds one emoji (👩‍💻, 🏳️‍🌈) and
 * the join is seen: there it stays, elsewhere it could hide inside a name like any other.
 */
export const TERMINAL_UNSAFE =
  /[\p{Cc}\p{Zl}\p{Zp}\p{Bidi_Control}\p{Cs}]|(?!(?<=\p{Extended_Pictographic}(?:[\u{1F3FB}-\u{1F3FF}]|\uFE0F)?)\u200D(?=\p{Extended_Pictographic}))\p{Cf}/gu

/**
 * A piece of text for a terminal (progress lines, summaries, messages on stderr): one line, with
 * carriage returns, escape sequences (ANSI colours, cursor moves, OSC titles), bidi controls,
 * invisible format characters and every other control shown as `\r`, `\x1B`, `<U+202E>`,
 * `<U+200B>`… so no name can move the cursor, recolour, hide text or overwrite the line that
 * announces a grant.
 */
export function terminalText(text: string): string {
  return text.replace(TERMINAL_UNSAFE, visibleChar)
}

/** Several lines for a terminal: each line made safe on its own, the line breaks kept. */
export function terminalLines(text: string): string {
  return text.split('\n').map(terminalText).join('\n')
}
