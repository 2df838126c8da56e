import { sovereignLabel } from '../catalog/clouds.ts'
import { useReactFlow } from '@xyflow/react'
import { useState, type ReactNode } from 'react'
import { runLayout } from './layout/run-layout.ts'
import type { FlowEdge, FlowNode } from './canvas/flow-elements.ts'
import { designFileName, exportPlan, saveDesign } from './files/file-actions.ts'
import { exportDiagram, type DiagramScope } from './files/export-image.tsx'
import { Icon } from './icons.tsx'
import { MenuButton } from './menu.tsx'
import { useDesigner, useEffects, useHistory, useStoreApi } from './store-context.tsx'
import { EMPTY_DESIGN_REASON } from './empty-design.ts'

export type DialogName = 'new' | 'recent' | 'optimize' | 'share'

/**
 * The window width below which a tool shows its icon alone (its name stays its aria-label and
 * title): the less-used tools first, so the toolbar stays one row down to 1024 px.
 */
export type ToolFold = 1440 | 1280

function Tool(props: {
  label: string
  icon: ReactNode
  onClick: () => void
  disabled?: boolean
  /** Said in the tooltip while the tool is off. */
  disabledReason?: string
  shortcut?: string
  showLabel?: boolean
  /** Below this window width the label hides (layout.css): the toolbar stays one row. */
  foldBelow?: ToolFold
  busy?: boolean
}) {
  return (
    <button
      type="button"
      className={`tool${props.showLabel === false ? ' icon-only' : ''}${props.foldBelow ? ` fold-below-${props.foldBelow}` : ''}`}
      onClick={props.onClick}
      disabled={props.disabled}
      aria-label={props.label}
      {...(props.busy ? { 'aria-busy': true } : {})}
      title={
        props.disabled && props.disabledReason
          ? `${props.label}: ${props.disabledReason}`
          : props.shortcut
            ? `${props.label} (${props.shortcut})`
            : props.label
      }
      {...(props.shortcut
        ? { 'aria-keyshortcuts': props.shortcut.replace('Ctrl', 'Control') }
        : {})}
    >
      {props.icon}
      {props.showLabel !== false && <span>{props.label}</span>}
    </button>
  )
}

/** File actions, Undo/Redo, Auto layout, Optimize identities, export; room on the right for Apply. */
export function Toolbar(props: {
  openDialog: (d: DialogName) => void
  fileInput: React.RefObject<HTMLInputElement | null>
  end?: ReactNode
}) {
  const store = useStoreApi()
  const effects = useEffects()
  const flow = useReactFlow<FlowNode, FlowEdge>()
  const { canUndo, canRedo } = useHistory()
  const name = useDesigner((s) => s.design.name)
  const empty = useDesigner((s) => s.design.nodes.length === 0)
  // The cloud chosen in the Guide tab: the exports are for it too, and their labels say so.
  const cloudLabel = useDesigner((s) => sovereignLabel(s.guideView.cloud))
  const forCloud = cloudLabel ? ` for ${cloudLabel}` : ''
  const [layout, setLayout] = useState<{ done: number; total: number } | null>(null)

  // In a worker: the page stays responsive, and a large design shows how far it is.
  const autoLayout = async (): Promise<void> => {
    if (layout) return
    setLayout({ done: 0, total: 0 })
    try {
      const { design, edgeDrawing, grouping, docId } = store.getState()
      const positions = await runLayout(
        design,
        edgeDrawing,
        (done, total) => setLayout({ done, total }),
        grouping,
      )
      // Another design opened meanwhile is left alone; edits to this one are kept (only nodes
      // that still exist move).
      if (store.getState().docId !== docId) return
      store.getState().moveNodes(positions)
      store.getState().requestFit()
    } catch (e) {
      store.getState().notify({
        tone: 'error',
        title: `Auto layout failed: ${e instanceof Error ? e.message : String(e)}`,
      })
    } finally {
      setLayout(null)
    }
  }
  const image = (format: 'png' | 'svg', scope: DiagramScope): void => {
    const state = store.getState()
    const base = designFileName(state.design.name).replace(/\.topology\.json$/, '')
    exportDiagram(state, flow, format, scope, base, effects.download).catch((e: unknown) =>
      store.getState().notify({
        tone: 'error',
        title: `Export failed: ${e instanceof Error ? e.message : String(e)}`,
      }),
    )
  }
  const code = async (format: 'bicep' | 'terraform' | 'cli'): Promise<void> => {
    const { exportDesign, exportFileName, ExportError } = await import('../export/export.ts')
    const { design, guideView } = store.getState()
    try {
      effects.download(
        exportFileName(design.name, format),
        exportDesign(design, format, { cloud: guideView.cloud }),
        'text/plain',
      )
    } catch (e) {
      if (!(e instanceof ExportError)) throw e
      store.getState().notify({ tone: 'error', title: `Export refused: ${e.message}` })
    }
  }
  return (
    <header className="toolbar" role="toolbar" aria-label="Designer toolbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <Icon name="layout" size={18} />
        </span>
        <span className="brand-text">
          <span className="brand-name">Identity Topology</span>
          <span className="brand-design" title={name}>
            {name}
          </span>
        </span>
      </div>
      <div className="tool-group" aria-label="File">
        <Tool
          label="New"
          icon={<Icon name="new" />}
          onClick={() => props.openDialog('new')}
          foldBelow={1280}
        />
        <Tool
          label="Open design"
          icon={<Icon name="open" />}
          onClick={() => props.fileInput.current?.click()}
          shortcut="Ctrl+O"
          foldBelow={1440}
        />
        <Tool
          label="Save design"
          icon={<Icon name="save" />}
          onClick={() => saveDesign(store, effects)}
          shortcut="Ctrl+S"
          foldBelow={1440}
        />
        <Tool
          label="Recent designs"
          icon={<Icon name="history" />}
          onClick={() => props.openDialog('recent')}
          showLabel={false}
        />
      </div>
      <div className="tool-group" aria-label="History">
        <Tool
          label="Undo"
          icon={<Icon name="undo" />}
          onClick={() => store.getState().undo()}
          disabled={!canUndo}
          shortcut="Ctrl+Z"
          showLabel={false}
        />
        <Tool
          label="Redo"
          icon={<Icon name="redo" />}
          onClick={() => store.getState().redo()}
          disabled={!canRedo}
          shortcut="Ctrl+Shift+Z"
          showLabel={false}
        />
      </div>
      <div className="tool-group" aria-label="Design">
        <Tool
          label="Auto layout"
          icon={<Icon name="layout" />}
          onClick={() => void autoLayout()}
          disabled={empty}
          disabledReason={EMPTY_DESIGN_REASON}
          busy={layout !== null}
        />
        {layout && layout.total > 1 && (
          <span className="tool-progress" role="status">
            Laying out {Math.round((100 * layout.done) / layout.total)}%
          </span>
        )}
        <Tool
          label="Optimize identities"
          icon={<Icon name="optimize" />}
          onClick={() => props.openDialog('optimize')}
          disabled={empty}
          disabledReason={EMPTY_DESIGN_REASON}
        />
      </div>
      <div className="tool-group" aria-label="Share and export">
        <Tool
          label="Share link"
          icon={<Icon name="link" />}
          onClick={() => props.openDialog('share')}
          showLabel={false}
        />
        <MenuButton
          ariaLabel="Export diagram"
          foldBelow={1280}
          label={
            <>
              <Icon name="image" />
              <span>Export</span>
            </>
          }
          items={[
            { label: 'Export plan', onSelect: () => exportPlan(store, effects) },
            { label: 'Diagram as PNG', onSelect: () => image('png', 'design') },
            { label: 'Diagram as SVG', onSelect: () => image('svg', 'design') },
            { label: 'Current view as PNG', onSelect: () => image('png', 'view') },
            { label: 'Current view as SVG', onSelect: () => image('svg', 'view') },
            {
              label: `Identity layer as Bicep${forCloud}`,
              onSelect: () => void code('bicep'),
            },
            {
              label: `Identity layer as Terraform${forCloud}`,
              onSelect: () => void code('terraform'),
            },
            {
              label: `Identity layer as Azure CLI script${forCloud}`,
              onSelect: () => void code('cli'),
            },
          ]}
        />
      </div>
      <div className="toolbar-end">{props.end}</div>
    </header>
  )
}
