import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { analyze, sameExceptPositions } from '../../store/derived.ts'
import type { Finding } from '../../rules/types.ts'
import type { Design } from '../../model/types.ts'
import { plural } from '../../lib/plural.ts'
import { useStoreApi } from '../store-context.tsx'
import { AnnounceContext, type Announce } from './announce-context.ts'
import { describeChanges } from './changes.ts'

/** Announcements made within this time are read as one message. */
const GATHER_MS = 150

/**
 * The live region (role=status) and what it says: what each edit changed (nodes, connections,
 * findings added or fixed) plus whatever a view announces (the canvas's walk between connected
 * nodes). The region is always on the page, so screen readers notice each new message.
 */
export function Announcer({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('')
  const pending = useRef<string[]>([])
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const announce = useCallback<Announce>((text) => {
    if (!text) return
    pending.current.push(text)
    clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      const next = pending.current.join('. ')
      pending.current = []
      // The same words twice in a row would not be read again: make the second one differ.
      setMessage((old) => (old === next ? `${next}\u00a0` : next))
    }, GATHER_MS)
  }, [])
  useEffect(() => () => clearTimeout(timer.current), [])
  useDesignAnnouncements(announce)
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="announcer" role="status" aria-live="polite" aria-atomic="true">
        {message}
      </div>
    </AnnounceContext.Provider>
  )
}

/** Announces what each change of the design did, after the change is drawn. */
function useDesignAnnouncements(announce: Announce): void {
  const store = useStoreApi()
  useEffect(() => {
    let last: { design: Design; findings: readonly Finding[]; docId: string } = {
      design: store.getState().design,
      findings: analyze(store.getState().design).findings,
      docId: store.getState().docId,
    }
    let queued: ReturnType<typeof setTimeout> | undefined
    const unsubscribe = store.subscribe((state) => {
      if (state.design === last.design || queued !== undefined) return
      // After the edit is drawn: the findings are then already derived for the canvas.
      queued = setTimeout(() => {
        queued = undefined
        const { design, docId } = store.getState()
        if (sameExceptPositions(last.design, design)) {
          last = { ...last, design }
          return
        }
        const now = { design, findings: analyze(design).findings, docId }
        if (docId !== last.docId) announce(opened(design, now.findings))
        else for (const line of describeChanges(last, now)) announce(line)
        last = now
      }, 0)
    })
    return () => {
      unsubscribe()
      clearTimeout(queued)
    }
  }, [store, announce])
}

function opened(design: Design, findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length
  // One of a kind in the singular ('1 node'), as the status bar counts.
  const counts = [
    plural(design.nodes.length, 'node'),
    plural(design.edges.length, 'connection'),
    plural(findings.length, 'finding'),
    ...(errors ? [plural(errors, 'error')] : []),
  ]
  return `Opened ${design.name}: ${counts.join(', ')}`
}
