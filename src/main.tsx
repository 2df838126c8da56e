import '@xyflow/react/dist/style.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { compose } from './compose.ts'
import { startAutosave } from './store/persist/autosave.ts'
import { restoreSession } from './store/persist/restore.ts'
import { startTabPresence } from './store/persist/tab-presence.ts'
import { App } from './ui/app.tsx'
import { ApplyButton } from './ui/apply/apply-button.tsx'

async function start(): Promise<void> {
  const root = document.getElementById('root')
  if (!root) throw new Error('missing #root')
  const app = compose()
  const { store, effects } = app
  startTabPresence(store, effects)
  // Restore before the first render, so the canvas opens on the saved view.
  const { consumedHash } = await restoreSession(store, effects, window.location.hash)
  if (consumedHash)
    history.replaceState(null, '', window.location.pathname + window.location.search)
  const autosave = startAutosave(store, effects)
  window.addEventListener('pagehide', () => void autosave.flush())
  createRoot(root).render(
    <StrictMode>
      <App
        store={store}
        effects={effects}
        toolbarEnd={<ApplyButton loadStore={app.loadApply} openAtStart={app.resumeApply} />}
      />
    </StrictMode>,
  )
}

void start()
