import '@xyflow/react/dist/style.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { compose } from './compose.ts'
import { startAutosave } from './store/persist/autosave.ts'
import { openSharedDesign, restoreSession } from './store/persist/restore.ts'
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
  // The share link leaves the address bar before it is decoded: whatever it holds, a reload
  // opens the saved session instead of the same link again.
  const { hash } = window.location
  if (hasSharedDesign(hash))
    history.replaceState(null, '', window.location.pathname + window.location.search)
  // Restore before the first render, so the canvas opens on the saved view.
  const { unsaved } = await restoreSession(store, effects, hash)
  await persistViewSettings(store, effects.storage)
  const autosave = startAutosave(store, effects, { unsaved })
  window.addEventListener('pagehide', () => void autosave.flush())
  // A share link pasted into this tab's address bar changes only the hash: no page load.
  window.addEventListener('hashchange', () => {
    const shared = window.location.hash
    if (!hasSharedDesign(shared)) return
    history.replaceState(null, '', window.location.pathname + window.location.search)
    openSharedDesign(store, shared)
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
