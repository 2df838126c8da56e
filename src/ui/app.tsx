import { ReactFlowProvider } from '@xyflow/react'
import { useCallback, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react'
import type { DesignerStore } from '../store/create-store.ts'
import type { Effects } from '../store/effects.ts'
import { Announcer } from './a11y/announcer.tsx'
import { SkipLinks } from './a11y/skip-links.tsx'
import { NewDesignDialog } from './dialogs/new-design-dialog.tsx'
import { OptimizeDialog } from './dialogs/optimize-dialog.tsx'
import { RecentDialog } from './dialogs/recent-dialog.tsx'
import { ShareDialog } from './dialogs/share-dialog.tsx'
import { openDesignFile, saveDesign } from './files/file-actions.ts'
import { FileDrop } from './files/file-drop.tsx'
import { Inspector } from './inspector/inspector.tsx'
import { Notices } from './notices.tsx'
import { CenterViews } from './outline/center-views.tsx'
import { Palette } from './palette.tsx'
import { BottomPanel } from './panels/bottom-panel.tsx'
import { usePanelSizes } from './panels/panel-sizes.ts'
import { PanelSplitter } from './panels/splitter.tsx'
import { useShortcuts } from './shortcuts.ts'
import { StatusBar } from './status-bar.tsx'
import { EffectsContext, StoreContext, useDesigner } from './store-context.tsx'
import { Toolbar, type DialogName } from './toolbar.tsx'
import './styles/theme.css'
import './styles/layout.css'
import './styles/canvas.css'
import './styles/groups.css'
import './styles/panels.css'
import './styles/a11y.css'

/** The designer: toolbar, palette, canvas, inspector, problems/plan panel and status bar. */
export function App(props: {
  store: DesignerStore
  effects: Effects
  /** The toolbar's right end: where the Apply button goes. */
  toolbarEnd?: ReactNode
}) {
  return (
    <StoreContext.Provider value={props.store}>
      <EffectsContext.Provider value={props.effects}>
        <ReactFlowProvider>
          <Announcer>
            <Shell {...props} />
          </Announcer>
        </ReactFlowProvider>
      </EffectsContext.Provider>
    </StoreContext.Provider>
  )
}

function Shell({
  store,
  effects,
  toolbarEnd,
}: {
  store: DesignerStore
  effects: Effects
  toolbarEnd?: ReactNode
}) {
  const [dialog, setDialog] = useState<DialogName | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const otherTab = useDesigner((s) => s.otherTab)
  const open = useCallback((file: File) => void openDesignFile(store, file), [store])
  const actions = useMemo(
    () => ({ save: () => saveDesign(store, effects), open: () => fileInput.current?.click() }),
    [store, effects],
  )
  useShortcuts(store, actions)
  const [sizes, resize] = usePanelSizes(effects.storage)
  const close = (): void => setDialog(null)
  // Only what the user set: otherwise the style sheet's default for the screen width applies.
  const px = (collapsed: boolean, size: number | undefined): string | undefined =>
    collapsed ? '0px' : size === undefined ? undefined : `${size}px`
  const layout = {
    '--inspector-width': px(sizes.inspectorCollapsed, sizes.inspector),
    '--bottom-height': px(sizes.bottomCollapsed, sizes.bottom),
  } as CSSProperties
  return (
    <div
      className={`app${sizes.inspectorCollapsed ? ' inspector-collapsed' : ''}${sizes.bottomCollapsed ? ' bottom-collapsed' : ''}`}
      style={layout}
    >
      <SkipLinks />
      <Toolbar openDialog={setDialog} fileInput={fileInput} end={toolbarEnd} />
      {otherTab && (
        <div className="banner" role="alert">
          This design is also open in another tab. Edits in both tabs overwrite each other’s
          autosave — keep editing in one tab only.
          <button
            type="button"
            className="link-button"
            onClick={() => store.getState().setOtherTab(false)}
          >
            Dismiss
          </button>
        </div>
      )}
      <div className="workspace">
        <Palette />
        <main className="center">
          <div className="center-area">
            <CenterViews />
            {/* At the foot of the canvas: never over the problems and their fix buttons. */}
            <Notices />
          </div>
          <PanelSplitter which="bottom" sizes={sizes} resize={resize} />
          <BottomPanel />
        </main>
        <PanelSplitter which="inspector" sizes={sizes} resize={resize} />
        <Inspector />
      </div>
      <StatusBar />
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Design file"
        data-testid="open-design-input"
        onChange={(e) => {
          const file = e.target.files?.[0]
          if (file) open(file)
          e.target.value = ''
        }}
      />
      <FileDrop onFile={open} />
      {dialog === 'new' && <NewDesignDialog onClose={close} />}
      {dialog === 'recent' && <RecentDialog onClose={close} />}
      {dialog === 'optimize' && <OptimizeDialog onClose={close} />}
      {dialog === 'share' && <ShareDialog onClose={close} />}
    </div>
  )
}
