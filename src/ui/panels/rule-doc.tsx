import { useEffect, useState } from 'react'
import { ruleById } from '../../rules/registry.ts'
import { Markdown } from './markdown.tsx'

// Rule docs are loaded on demand: they are not needed to draw the designer.
const DOCS = import.meta.glob<string>('../../rules/defs/*.md', { query: '?raw', import: 'default' })

function loaderFor(rule: string): (() => Promise<string>) | undefined {
  const entry = Object.entries(DOCS).find(([path]) => path.endsWith(`/${rule}.md`))
  return entry?.[1]
}

/** A rule's documentation page, or its one-line description when it has no page. */
export function RuleDoc({ rule }: { rule: string }) {
  const [text, setText] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    const load = loaderFor(rule)
    if (!load) return
    let live = true
    load().then(
      (t) => live && setText(t),
      () => live && setFailed(true),
    )
    return () => {
      live = false
    }
  }, [rule])
  const meta = ruleById(rule)?.meta
  const learn = meta?.learnMore
  return (
    <>
      {text ? (
        <Markdown text={text} />
      ) : !loaderFor(rule) || failed ? (
        <p className="muted">{meta?.description ?? `No documentation for ${rule} yet.`}</p>
      ) : (
        <p className="muted">Loading…</p>
      )}
      {learn && /^https:\/\//.test(learn) && (
        <p>
          <a href={learn} target="_blank" rel="noreferrer noopener">
            Learn more on Microsoft Learn
          </a>
        </p>
      )}
    </>
  )
}
