import { lazy, Suspense, useEffect, useState } from 'react'
import type { ApplyStore } from '../../store/apply/apply-store.ts'
import { Glyph } from '../icons.tsx'
import { useDesigner } from '../store-context.tsx'
import { ApplyStoreContext } from './apply-context.tsx'

// The dialog brings the Azure SDK and the sandbox with it: loaded on first use only.
const ApplyDialog = lazy(() => import('./apply-dialog.tsx'))

/**
 * The toolbar's Apply button: opens the apply flow (sandbox by default, Azure after sign-in) with
 * the store the composition root makes (one per page: the sandbox and the sign-in survive closing
 * and reopening the dialog). `openAtStart`: back from a redirect sign-in, reopen at once.
 */
export function ApplyButton(props: {
  loadStore: () => Promise<ApplyStore>
  openAtStart?: boolean
}) {
  const { loadStore, openAtStart = false } = props
  const [open, setOpen] = useState(openAtStart)
  const [store, setStore] = useState<ApplyStore | null>(null)
  const empty = useDesigner((s) => s.design.nodes.length === 0)
  useEffect(() => {
    if (open && !store) void loadStore().then(setStore)
  }, [open, store, loadStore])
  const loading = <div className="modal-backdrop" role="status" aria-label="Loading apply" />
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
      {open &&
        (store ? (
          <ApplyStoreContext.Provider value={store}>
            <Suspense fallback={loading}>
              <ApplyDialog onClose={() => setOpen(false)} />
            </Suspense>
          </ApplyStoreContext.Provider>
        ) : (
          loading
        ))}
    </>
  )
}
