import { lazy, Suspense, useState } from 'react'
import { Glyph } from '../icons.tsx'
import { useDesigner } from '../store-context.tsx'

// The dialog brings the Azure SDK and the sandbox with it: loaded on first use only.
const ApplyDialog = lazy(() => import('./apply-dialog.tsx'))

/** The toolbar's Apply button: opens the apply flow (sandbox by default, Azure after sign-in). */
export function ApplyButton() {
  const [open, setOpen] = useState(false)
  const empty = useDesigner((s) => s.design.nodes.length === 0)
  return (
    <>
      <button
        type="button"
        className="button primary apply-button"
        onClick={() => setOpen(true)}
        disabled={empty}
        title="Create the identities and role assignments of this design in Azure or the sandbox"
      >
        <Glyph name="bolt" size={16} />
        <span>Apply</span>
      </button>
      {open && (
        <Suspense
          fallback={<div className="modal-backdrop" role="status" aria-label="Loading apply" />}
        >
          <ApplyDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  )
}
