import { useEffect, useRef } from 'react'
import { useApply } from './apply-context.tsx'

/** The live log of the run: newest last, kept scrolled to the end while the user does not scroll away. */
export function ApplyLog() {
  const log = useApply((s) => s.log)
  const ref = useRef<HTMLOListElement>(null)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const nearEnd = el.scrollHeight - el.scrollTop - el.clientHeight < 80
    if (nearEnd) el.scrollTop = el.scrollHeight
  }, [log])
  return (
    <ol ref={ref} className="apply-log" aria-label="Apply log" aria-live="polite">
      {log.map((line) => (
        <li key={line.seq} className={`log-${line.tone}`}>
          {line.text}
        </li>
      ))}
    </ol>
  )
}
