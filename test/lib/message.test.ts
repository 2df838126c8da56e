import { describe, expect, it } from 'vitest'
import { messageQuote } from '@/lib/encode/message.ts'

describe('messageQuote', () => {
  it('quotes plain text as it is, emoji and letters of every script included', () => {
    expect(messageQuote('st 👩‍💻 été 東京')).toBe('"st 👩‍💻 été 東京"')
  })

  it('escapes what JSON escapes, and what JSON leaves raw that no reader sees', () => {
    expect(messageQuote('a"b\\c\u001b[31m')).toBe('"a\\"b\\\\c\\u001b[31m"')
    // A right-to-left override would show "evil.exe" reversed; a zero-width space hides.
    expect(messageQuote('x\u202eexe.live\u200by')).toBe('"x\\u202eexe.live\\u200by"')
    expect(messageQuote('del\u007f c1\u009b sep\u2028')).toBe('"del\\u007f c1\\u009b sep\\u2028"')
    expect(messageQuote('tag\u{E0041}')).toBe('"tag\\udb40\\udc41"')
    expect(JSON.parse(messageQuote('x\u202e\u{E0041}\u200d'))).toBe('x\u202e\u{E0041}\u200d')
  })
})
