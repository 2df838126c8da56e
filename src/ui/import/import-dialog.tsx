import { useEffect, useState } from 'react'
import { healthOfImport } from '../../import/import-group.ts'
import { plural } from '../../lib/plural.ts'
import { checkDesign } from '../../rules/engine.ts'
import type { GroupImport } from '../../store/apply/azure-read-actions.ts'
import { useApply, useApplyStore } from '../apply/apply-context.tsx'
import { SetupStep } from '../apply/setup-step.tsx'
import { Modal } from '../dialogs/modal.tsx'
import { useStoreApi } from '../store-context.tsx'
import { ReadProgressBar } from './read-progress.tsx'
import { useGroupRead } from './use-group-read.ts'
import '../apply/apply.css'
import './import.css'

/** Notes shown in the summary beyond the health lines; the rest are counted. */
const NOTES_SHOWN = 12

/**
 * File → Import from Azure: pick the sandbox or a signed-in subscription and a group, read it
 * (progress, stop), and open its design as a new document with its findings and a health summary.
 */
export default function ImportDialog({ onClose }: { onClose: () => void }) {
  const store = useApplyStore()
  const designer = useStoreApi()
  const target = useApply((s) => s.target)
  const group = useApply((s) => s.resourceGroup)
  const busy = useApply((s) => s.busy)
  const error = useApply((s) => s.error)
  const read = useGroupRead<GroupImport>()
  useEffect(() => {
    const s = store.getState()
    if (s.subscriptions.length === 0 && !s.busy) void s.chooseTarget(s.target)
  }, [store])

  const importGroup = async (): Promise<void> => {
    const imported = await read.start((options) => store.getState().importGroup(options))
    if (!imported) return
    const { design, notes, live } = imported
    designer.getState().loadDesign(design)
    const health = healthOfImport(
      imported,
      checkDesign(design).map((f) => f.rule),
    )
    const more = notes.length - NOTES_SHOWN
    designer.getState().notify({
      // The import went well: what it found is news, not an error of this app (the Problems
      // panel gives each finding its severity).
      tone: health.tone === 'success' ? 'success' : 'info',
      title: `Imported ${live.resourceGroup}: ${summary(design.nodes.map((n) => n.kind))}`,
      details: [
        ...health.lines,
        ...notes.slice(0, NOTES_SHOWN),
        ...(more > 0 ? [`and ${more} more notes`] : []),
      ],
    })
    designer.getState().setPanel('problems')
    onClose()
  }

  const reading = read.state.kind === 'reading'
  return (
    <Modal title="Import from Azure" onClose={onClose} wide>
      <p className="muted">
        Reads one resource group — its apps, managed identities, services and role assignments — and
        opens it as a new design with its problems. Nothing in Azure changes.
      </p>
      {(error ?? (read.state.kind === 'failed' ? read.state.message : null)) && (
        <div className="apply-error" role="alert">
          {error ?? (read.state.kind === 'failed' ? read.state.message : '')}
        </div>
      )}
      {busy && (
        <p className="apply-busy" role="status">
          <span className="spinner" aria-hidden="true" /> {busy}
        </p>
      )}
      <SetupStep
        action={{
          label: group ? `Import ${group}` : 'Import',
          run: () => void importGroup(),
          location: false,
          azure:
            'Sign in with Microsoft Entra ID and read a resource group of a real subscription.',
        }}
      />
      {target === 'sandbox' && <DemoEstate disabled={reading || busy !== null} />}
      {read.state.kind === 'reading' && (
        <ReadProgressBar progress={read.state.progress} onCancel={read.stop} />
      )}
    </Modal>
  )
}

function DemoEstate({ disabled }: { disabled: boolean }) {
  const loadDemoEstate = useApply((s) => s.loadDemoEstate)
  // What the last click did: a second click adds nothing, and should say so rather than nothing.
  const [added, setAdded] = useState<string | null>(null)
  return (
    <p className="demo-estate">
      <button
        type="button"
        className="button small"
        disabled={disabled}
        onClick={() => void loadDemoEstate().then(setAdded)}
      >
        Add the demo estate
      </button>{' '}
      {added ? (
        <span role="status">
          {added} is in the sandbox, chosen as the resource group above: Import it.
        </span>
      ) : (
        <span className="muted">
          A messy group, contoso-prod, made over years by hand: a shared identity, Owner and
          Contributor handed out, a key-exposing role, orphans of a deleted identity.
        </span>
      )}
    </p>
  )
}

const KIND_WORDS = {
  app: ['app', 'apps'],
  identity: ['identity', 'identities'],
  service: ['service', 'services'],
  developer: ['developer', 'developers'],
} as const

function summary(kinds: readonly (keyof typeof KIND_WORDS)[]): string {
  const parts = (Object.keys(KIND_WORDS) as (keyof typeof KIND_WORDS)[])
    .map((k) => [k, kinds.filter((x) => x === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => plural(n, KIND_WORDS[k][0], KIND_WORDS[k][1]))
  return parts.length > 0 ? parts.join(', ') : 'nothing this designer draws'
}
