import type { ReactNode } from 'react'
import { CodeBlock } from '../a11y/code-block.tsx'

/**
 * A tiny Markdown renderer for rule docs: headings, paragraphs, lists, fenced code, `code`,
 * **bold**, *italic* and [links](https://…). It builds React elements, never HTML strings, so
 * whatever a doc holds is shown as text; only http(s) links become links.
 */
export function Markdown({ text }: { text: string }) {
  const blocks: ReactNode[] = []
  const lines = text.replace(/\r\n/g, '\n').split('\n')
  let i = 0
  while (i < lines.length) {
    const line = lines[i] ?? ''
    if (line.startsWith('```')) {
      const code: string[] = []
      for (i++; i < lines.length && !(lines[i] ?? '').startsWith('```'); i++)
        code.push(lines[i] ?? '')
      i++
      blocks.push(<CodeBlock key={blocks.length} label="Example" code={code.join('\n')} />)
      continue
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line)
    if (heading) {
      const level = Math.min((heading[1] ?? '#').length + 2, 6)
      const Tag = `h${level}` as 'h3'
      blocks.push(<Tag key={blocks.length}>{inline(heading[2] ?? '')}</Tag>)
      i++
      continue
    }
    if (/^\s*[-*]\s+/.test(line)) {
      const items: string[] = []
      for (; i < lines.length && /^\s*[-*]\s+/.test(lines[i] ?? ''); i++)
        items.push((lines[i] ?? '').replace(/^\s*[-*]\s+/, ''))
      blocks.push(
        <ul key={blocks.length}>
          {items.map((item, k) => (
            <li key={k}>{inline(item)}</li>
          ))}
        </ul>,
      )
      continue
    }
    if (line.trim() === '') {
      i++
      continue
    }
    const para: string[] = []
    for (; i < lines.length && isParagraphLine(lines[i] ?? ''); i++) para.push(lines[i] ?? '')
    blocks.push(<p key={blocks.length}>{inline(para.join(' '))}</p>)
  }
  return <div className="markdown">{blocks}</div>
}

function isParagraphLine(line: string): boolean {
  return line.trim() !== '' && !/^(#{1,6}\s|```|\s*[-*]\s+)/.test(line)
}

const INLINE = /(`[^`]+`|\*\*[^*]+\*\*|\*[^*]+\*|\[[^\]]+\]\([^)\s]+\))/g

function inline(text: string): ReactNode[] {
  return text.split(INLINE).map((part, k) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1)
      return <code key={k}>{part.slice(1, -1)}</code>
    if (part.startsWith('**') && part.endsWith('**') && part.length > 4)
      return <strong key={k}>{part.slice(2, -2)}</strong>
    if (part.startsWith('*') && part.endsWith('*') && part.length > 2)
      return <em key={k}>{part.slice(1, -1)}</em>
    const link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(part)
    if (link) {
      const href = link[2] ?? ''
      return /^https?:\/\//.test(href) ? (
        <a key={k} href={href} target="_blank" rel="noreferrer noopener">
          {link[1]}
        </a>
      ) : (
        <span key={k}>{link[1]}</span>
      )
    }
    return part
  })
}
