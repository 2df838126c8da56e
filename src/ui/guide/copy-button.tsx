import { useState } from 'react'
import type { CopyText } from './clipboard.ts'

/** A button that copies `text` and says so (politely, for screen readers) until the next copy. */
export function CopyButton({ text, label, copy }: { text: string; label: string; copy: CopyText }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  return (
    <span className="guide-copy">
      <button
        type="button"
        aria-label={label}
        title={label}
        onClick={() => {
          copy(text).then(
            () => setState('copied'),
            () => setState('failed'),
          )
        }}
      >
        Copy
      </button>
      <span role="status" aria-live="polite" className="guide-copy-status">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : ''}
      </span>
    </span>
  )
}
