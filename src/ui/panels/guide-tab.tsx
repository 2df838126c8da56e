import { ConnectionGuidePanel } from '../guide/connection-guide-panel.tsx'
import { ExportMenu } from '../guide/export-menu.tsx'
import { nodeById } from '../canvas/lookups.ts'
import { useDesigner, useEffects, useStoreApi } from '../store-context.tsx'

/**
 * The Guide tab: per-app settings and DefaultAzureCredential code, and the identity layer as
 * Bicep, Terraform or Azure CLI. With one app selected it shows that app only. Loaded on demand.
 */
export default function GuideTab() {
  const store = useStoreApi()
  const effects = useEffects()
  const design = useDesigner((s) => s.design)
  const guideView = useDesigner((s) => s.guideView)
  const appId = useDesigner((s) => {
    const [only, ...rest] = s.selection.nodes
    return only !== undefined && rest.length === 0 && nodeById(s.design, only)?.kind === 'app'
      ? only
      : undefined
  })
  return (
    <div className="guide-tab">
      <div className="guide-head">
        <ExportMenu
          design={design}
          download={(name, text) => effects.download(name, text, 'text/plain')}
          options={{ cloud: guideView.cloud }}
        />
        {appId !== undefined && (
          <button
            type="button"
            className="link-button"
            onClick={() => store.getState().select({ nodes: [], edges: [] })}
          >
            Show every app
          </button>
        )}
      </div>
      <ConnectionGuidePanel
        design={design}
        {...(appId !== undefined ? { appId } : {})}
        view={guideView}
        onView={(view) => store.getState().setGuideView(view)}
      />
    </div>
  )
}
