import { useRef, useState, type KeyboardEvent } from 'react'
import { useKeepFocus } from '../a11y/keep-focus.ts'
import { SEVERITIES, type Finding, type Severity } from '../../rules/types.ts'
import { analyze } from '../../store/derived.ts'
import { Icon } from '../icons.tsx'
import { useDesigner, useStoreApi } from '../store-context.tsx'
import { useEditDeferredValue } from '../use-edit-deferred.ts'
import { FindingItem } from './finding-item.tsx'

const GROUP_TITLE: Record<Severity, string> = {
  error: 'Errors',
  warning: 'Warnings',
  info: 'Suggestions',
}

/**
 * Live findings grouped by severity. Arrow keys move between findings, Enter shows the subject
 * on the canvas; Tab reaches each finding's buttons.
 */
export function ProblemsPanel() {
  const store = useStoreApi()
  // Deferred: the canvas and the counts come first; the list follows in a background render
  // (another document's at once).
  const findings = useEditDeferredValue(
    useDesigner((s) => analyze(s.design).findings),
    null,
  )
  const empty = useRef<HTMLDivElement>(null)
  // A fix removes its finding: the finding now in its place takes the focus (or the panel).
  const listRef = useKeepFocus<HTMLDivElement>([findings], () => empty.current)

  const onKeyDown = (event: KeyboardEvent<HTMLElement>, finding: Finding): void => {
    if (event.target !== event.currentTarget) return
    const items = [...(listRef.current?.querySelectorAll<HTMLElement>('[data-finding]') ?? [])]
    const at = items.indexOf(event.currentTarget)
    const go = (i: number): void => {
      event.preventDefault()
      items[(i + items.length) % items.length]?.focus()
    }
    if (event.key === 'ArrowDown') go(at + 1)
    else if (event.key === 'ArrowUp') go(at - 1)
    else if (event.key === 'Home') go(0)
    else if (event.key === 'End') go(items.length - 1)
    else if (event.key === 'Enter' && finding.subject !== null) {
      event.preventDefault()
      store.getState().focus(finding.subject)
    }
  }

  const first = findings?.[0]
  return (
    <div className="problems" ref={listRef}>
      {findings === null && <p className="panel-empty">Checking the design…</p>}
      {findings?.length === 0 && (
        <div className="panel-empty" ref={empty} tabIndex={-1}>
          <Icon name="check" size={20} />
          <p>No problems. The design follows every rule.</p>
        </div>
      )}
      {findings?.length !== 0 &&
        SEVERITIES.map((severity) => {
          const group = (findings ?? []).filter((f) => f.severity === severity)
          if (group.length === 0) return null
          return (
            <ProblemGroup
              key={severity}
              severity={severity}
              group={group}
              first={first}
              onKeyDown={onKeyDown}
            />
          )
        })}
    </div>
  )
}

/** How many findings a group shows before "Show more": large designs have thousands. */
export const PAGE = 30

function ProblemGroup(props: {
  severity: Severity
  group: readonly Finding[]
  first: Finding | undefined
  onKeyDown: (event: KeyboardEvent<HTMLElement>, finding: Finding) => void
}) {
  const { severity, group, first } = props
  const [limit, setLimit] = useState(PAGE)
  const shown = group.slice(0, limit)
  return (
    <section className={`problem-group sev-${severity}`}>
      <h3>
        {GROUP_TITLE[severity]} <span className="count">{group.length}</span>
      </h3>
      <ul aria-label={GROUP_TITLE[severity]}>
        {shown.map((finding, i) => (
          <li
            key={`${finding.rule}|${finding.subject}|${i}`}
            data-finding
            data-focus-item
            tabIndex={finding === first ? 0 : -1}
            onKeyDown={(e) => props.onKeyDown(e, finding)}
            aria-label={`${finding.severity} ${finding.rule}: ${finding.message}`}
          >
            <FindingItem finding={finding} />
          </li>
        ))}
      </ul>
      {group.length > limit && (
        <button
          type="button"
          className="link-button show-more"
          onClick={() => setLimit(limit + PAGE * 4)}
        >
          Show {Math.min(PAGE * 4, group.length - limit)} more of {group.length - limit}
        </button>
      )}
    </section>
  )
}
