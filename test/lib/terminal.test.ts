import { describe, expect, it } from 'vitest'
import { terminalLines, terminalText } from '@/lib/encode/terminal.ts'

describe('terminalText', () => {
  it('shows controls, bidi controls and separators (as before)', () => {
    expect(terminalText('a\u001b[31m\r\n\t\u009b\u202e\u2028b')).toBe(
      'a\\x1B[31m\\r\\n\\t\\x9B<U+202E><U+2028>b',
    )
  })

  it('shows invisible format characters (Cf) in the same style', () => {
    expect(terminalText('pro\u200bd')).toBe('pro<U+200B>d')
    expect(terminalText('a\u2060b\ufeffc\u200cd')).toBe('a<U+2060>b<U+FEFF>c<U+200C>d')
    expect(terminalText('soft\u00adhyphen')).toBe('soft\\xADhyphen')
    // Tag characters spell hidden ASCII ("ASCII smuggling").
    expect(terminalText('ok\u{E0001}\u{E0068}\u{E0069}\u{E007F}')).toBe(
      'ok<U+E0001><U+E0068><U+E0069><U+E007F>',
    )
    expect(terminalText('\u0600\u{110BD}\u{1BCA0}')).toBe('<U+0600><U+110BD><U+1BCA0>')
  })

  it('keeps a zero-width joiner that builds an emoji, and shows any other', () => {
    expect(terminalText('dev 👩‍💻 🏳️‍🌈 👍🏽‍🔥')).toBe('dev 👩‍💻 🏳️‍🌈 👍🏽‍🔥')
    expect(terminalText('pr\u200dod')).toBe('pr<U+200D>od')
    expect(terminalText('\u200d👩 👩\u200d x👩\u200d')).toBe('<U+200D>👩 👩<U+200D> x👩<U+200D>')
  })

  it('leaves letters, marks and emoji of every script alone', () => {
    const text = 'été Ωmega 東京 नमस्ते مرحبا 🚀 e\u0301'
    expect(terminalText(text)).toBe(text)
  })

  it('terminalLines keeps the line breaks and shows the rest', () => {
    expect(terminalLines('a\u200b\nb\u2060')).toBe('a<U+200B>\nb<U+2060>')
  })
})
