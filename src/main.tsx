import '@xyflow/react/dist/style.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { compose } from './compose.ts'
import { startAutosave } from './store/persist/autosave.ts'
import {
  dropLinkWhenSaved,
  openSharedDesign,
  restoreSession,
  type LinkAddress,
} from './store/persist/restore.ts'
import { hasSharedDesign } from './store/persist/share-link.ts'
import { persistViewSettings } from './store/persist/view-settings.ts'
import { startTabPresence } from './store/persist/tab-presence.ts'
import { App } from './ui/app.tsx'
import { ApplyButton } from './ui/apply/apply-button.tsx'

async function start(): Promise<void> {
  const root = document.getElementById('root')
  if (!root) throw new Error('missing #root')
  const app = compose()
  const { store, effects } = app
  startTabPresence(store, effects)
  const { hash } = window.location
  // Restore before the first render, so the canvas opens on the saved view.
  const { unsaved } = await restoreSession(store, effects, hash)
  await persistViewSettings(store, effects.storage)
  const autosave = startAutosave(store, effects, { unsaved })
  window.addEventListener('pagehide', () => void autosave.flush())
  // A share link stays in the address bar until its design is saved (a reload meanwhile opens it
  // again), then goes, so that a reload opens the saved design and its edits.
  const address: LinkAddress = {
    hash: () => window.location.hash,
    drop: () => history.replaceState(null, '', window.location.pathname + window.location.search),
  }
  if (hasSharedDesign(hash)) void dropLinkWhenSaved(store, autosave, address, hash, unsaved)
  // A share link pasted into this tab's address bar changes only the hash: no page load.
  window.addEventListener('hashchange', () => {
    const shared = window.location.hash
    if (!hasSharedDesign(shared)) return
    void dropLinkWhenSaved(store, autosave, address, shared, openSharedDesign(store, shared))
  })
  createRoot(root).render(
    <StrictMode>
      <App
        store={store}
        effects={effects}
        toolbarEnd={
          <ApplyButton
            loadStore={app.loadApply}
            openAtStart={app.resumeApply}
            interrupted={app.interruptedApply}
          />
        }
      />
    </StrictMode>,
  )
}

void start()
