import { describe, expect, it } from 'vitest'
import { markdownCode, markdownText } from '@/lib/encode/markdown.ts'

describe('Markdown text', () => {
  it('shows invisible format characters, as a terminal does, and keeps an emoji’s joiner', () => {
    // `\<`: what could open an HTML tag is escaped; a page shows "<U+200B>".
    expect(markdownText('pro\u200bd \u2060x')).toBe('pro\\<U+200B>d \\<U+2060>x')
    expect(markdownCode('st\u200b1')).toBe('`st<U+200B>1`')
    expect(markdownText('dev 👩‍💻 a\u001b[31m')).toBe('dev 👩‍💻 a\\\\x1B\\[31m')
  })
})
