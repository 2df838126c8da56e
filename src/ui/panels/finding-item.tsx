import { memo, useEffect, useRef, useState } from 'react'
import type { Finding } from '../../rules/types.ts'
import { Icon } from '../icons.tsx'
import { analyze } from '../../store/derived.ts'
import { useDesigner, useStoreApi } from '../store-context.tsx'
import { IsolatedNames } from './isolated-names.tsx'
import { useReorderingNames } from './reordering-names.ts'
import { useSubjectName } from './subject-name.ts'
import { RuleDoc } from './rule-doc.tsx'

/**
 * One finding: severity, rule id, message, subject (click to select and show it on the canvas),
 * the rule's doc on demand, and its fix and suggestion buttons (each one undo step).
 */
export const FindingItem = memo(function FindingItem({
  finding,
  showSubject = true,
  focusItem = false,
}: {
  finding: Finding
  showSubject?: boolean
  /** Takes the focus a fixed finding before it had (a11y/keep-focus.ts). */
  focusItem?: boolean
}) {
  const store = useStoreApi()
  const [docOpen, setDocOpen] = useState(false)
  // The documentation opens below the finding, often below the panel's fold: bring it into view.
  const doc = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (docOpen) doc.current?.scrollIntoView?.({ block: 'nearest' })
  }, [docOpen])
  const subjectName = useSubjectName(finding.subject)
  const reordering = useReorderingNames()
  // Built for the design as it is now (ids of new nodes stay unique as the design changes).
  const { fixes, suggestions } = useDesigner((s) => analyze(s.design).offers(finding))
  return (
    <div className={`finding sev-${finding.severity}`} data-focus-item={focusItem || undefined}>
      <span className="finding-icon" aria-hidden="true">
        <Icon name={finding.severity} size={16} />
      </span>
      <div className="finding-body">
        <div className="finding-line">
          <span className="sr-only">{finding.severity}: </span>
          <code className="rule-id">{finding.rule}</code>
          <span className="finding-message">
            <IsolatedNames text={finding.message} names={reordering} />
          </span>
        </div>
        <div className="finding-actions">
          {showSubject && finding.subject !== null && (
            <button
              type="button"
              className="link-button"
              onClick={() => store.getState().focus(finding.subject as string)}
              aria-label={`Show ${subjectName} on the canvas`}
            >
              <IsolatedNames text={subjectName} names={reordering} />
            </button>
          )}
          {showSubject && finding.subject === null && <span className="muted">Whole design</span>}
          {fixes.map((fix) => (
            <button
              key={`fix-${fix.title}`}
              type="button"
              className="button small primary"
              onClick={() => store.getState().applyFix(fix)}
            >
              <Icon name="check" size={14} /> <IsolatedNames text={fix.title} names={reordering} />
            </button>
          ))}
          {suggestions.map((s) => (
            <button
              key={`sug-${s.title}`}
              type="button"
              className="button small"
              title="Suggestion: changes who can access what"
              onClick={() => store.getState().applyFix(s)}
            >
              <IsolatedNames text={s.title} names={reordering} />
            </button>
          ))}
          <button
            type="button"
            className="link-button muted"
            aria-expanded={docOpen}
            onClick={() => setDocOpen((o) => !o)}
          >
            <Icon name="book" size={13} /> {docOpen ? 'Hide rule' : 'About this rule'}
          </button>
        </div>
        {docOpen && (
          <div className="rule-doc" ref={doc}>
            <RuleDoc rule={finding.rule} />
          </div>
        )}
      </div>
    </div>
  )
})
