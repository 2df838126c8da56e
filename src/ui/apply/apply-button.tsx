import { lazy, Suspense, useEffect, useState } from 'react'
import type { ApplyJournal } from '../../apply/ports.ts'
import type { ApplyStore } from '../../store/apply/apply-store.ts'
import type { Notice } from '../../store/types.ts'
import { Glyph, Icon } from '../icons.tsx'
import { MenuButton } from '../menu.tsx'
import { useDesigner } from '../store-context.tsx'
import { ApplyStoreContext } from './apply-context.tsx'
import { EMPTY_DESIGN_REASON } from '../empty-design.ts'

// The dialogs bring the Azure SDK and the sandbox with them: loaded on first use only.
const ApplyDialog = lazy(() => import('./apply-dialog.tsx'))
const ImportDialog = lazy(() => import('../import/import-dialog.tsx'))
const CompareDialog = lazy(() => import('../import/compare-dialog.tsx'))

type Open = 'apply' | 'import' | 'compare' | null

/**
 * The toolbar's Azure end: the Apply button (the apply flow, sandbox by default, Azure after
 * sign-in) and the Azure menu (Import from Azure, Compare with Azure). All share the store the
 * composition root makes (one per page: the sandbox and the sign-in survive closing and
 * reopening a dialog). `openAtStart`: back from a redirect sign-in, reopen Apply at once.
 */
export function ApplyButton(props: {
  loadStore: () => Promise<ApplyStore>
  openAtStart?: boolean
  /** The journal of an apply a closed tab left behind: said at once, so it is not missed. */
  interrupted?: () => Promise<ApplyJournal | undefined>
}) {
  const { loadStore, openAtStart = false, interrupted } = props
  const [open, setOpen] = useState<Open>(openAtStart ? 'apply' : null)
  const [store, setStore] = useState<ApplyStore | null>(null)
  const empty = useDesigner((s) => s.design.nodes.length === 0)
  const notify = useDesigner((s) => s.notify)
  useEffect(() => {
    if (!interrupted) return
    let live = true
    void interrupted()
      .catch(() => undefined)
      .then((journal) => {
        if (live && journal) notify(interruptedNotice(journal))
      })
    return () => {
      live = false
    }
  }, [interrupted, notify])
  useEffect(() => {
    if (open && !store) void loadStore().then(setStore)
  }, [open, store, loadStore])
  const loading = <div className="modal-backdrop" role="status" aria-label="Loading Azure" />
  const close = (): void => setOpen(null)
  return (
    <>
      <MenuButton
        ariaLabel="Azure"
        foldBelow={1280}
        label={
          <>
            <Icon name="download" />
            <span>Azure</span>
          </>
        }
        items={[
          { label: 'Import from Azure', onSelect: () => setOpen('import') },
          { label: 'Compare with Azure', onSelect: () => setOpen('compare') },
        ]}
      />
      <button
        type="button"
        className="button primary apply-button"
        onClick={() => setOpen('apply')}
        disabled={empty}
        title={
          empty
            ? `Apply: ${EMPTY_DESIGN_REASON}`
            : 'Create the identities and role assignments of this design in Azure or the sandbox'
        }
      >
        <Glyph name="bolt" size={16} />
        <span>Apply</span>
      </button>
      {open &&
        (store ? (
          <ApplyStoreContext.Provider value={store}>
            <Suspense fallback={loading}>
              {open === 'apply' && <ApplyDialog onClose={close} />}
              {open === 'import' && <ImportDialog onClose={close} />}
              {open === 'compare' && (
                <CompareDialog onClose={close} onApply={() => setOpen('apply')} />
              )}
            </Suspense>
          </ApplyStoreContext.Provider>
        ) : (
          loading
        ))}
    </>
  )
}

function interruptedNotice(journal: ApplyJournal): Omit<Notice, 'id'> {
  return {
    tone: 'warning',
    title: `An apply of ${journal.design} to ${journal.resourceGroup} stopped when its tab closed, after ${journal.steps.length} of ${journal.total} steps: open Apply to see what it did; applying again finishes it.`,
  }
}
