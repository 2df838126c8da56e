import { SCOPES, SYSTEM_VIA, type Scope } from '../../model/kinds.ts'
import type { AccessEdge, DesignEdge } from '../../model/types.ts'
import type { Resolution } from '../../model/queries.ts'
import { analyze, findingsFor } from '../../store/derived.ts'
import { Icon } from '../icons.tsx'
import { nodeById } from '../canvas/lookups.ts'
import { FindingItem } from '../panels/finding-item.tsx'
import { useDesigner, useStoreApi } from '../store-context.tsx'
import { Select } from './fields.tsx'
import { RolePicker } from './role-picker.tsx'

const SCOPE_LABEL: Record<Scope, string> = {
  resource: 'This resource (recommended)',
  resourceGroup: 'Its resource group',
  subscription: 'The whole subscription',
}

/** Edits the selected connection: roles, scope and the identity it goes through. */
export function EdgeInspector({ edge }: { edge: DesignEdge }) {
  const store = useStoreApi()
  const design = useDesigner((s) => s.design)
  const findings = useDesigner((s) => findingsFor(s.design, edge.id))
  const source = nodeById(design, edge.source)
  const target = nodeById(design, edge.target)
  return (
    <div className="inspector-body">
      <p className="inspector-kind">{edge.kind === 'attach' ? 'Uses identity' : 'Access'}</p>
      <p className="edge-ends">
        <button
          type="button"
          className="link-button"
          onClick={() => store.getState().focus(edge.source)}
        >
          {source?.name ?? edge.source}
        </button>
        <Icon name="chevron" size={14} />
        <button
          type="button"
          className="link-button"
          onClick={() => store.getState().focus(edge.target)}
        >
          {target?.name ?? edge.target}
        </button>
      </p>
      {edge.kind === 'access' && target?.kind === 'service' && (
        <AccessFields edge={edge} service={target.service} />
      )}
      {edge.kind === 'attach' && (
        <p className="field-hint">
          {source?.name} can sign in as {target?.name}. Choose it as the identity of the app’s
          connections to services.
        </p>
      )}
      {findings.length > 0 && (
        <section className="inspector-findings" aria-label="Problems with this connection">
          <h3>Problems</h3>
          {findings.map((f, i) => (
            <FindingItem key={`${f.rule}-${i}`} finding={f} showSubject={false} focusItem />
          ))}
        </section>
      )}
      <button
        type="button"
        className="button danger"
        onClick={() => {
          // The inspector goes on with the connection's source (its other connections), the
          // focus on its heading, not on the design's: where the keyboard came from.
          store.getState().removeSelection()
          if (nodeById(store.getState().design, edge.source))
            store.getState().select({ nodes: [edge.source], edges: [] })
        }}
      >
        <Icon name="trash" size={15} /> Delete connection
      </button>
    </div>
  )
}

function AccessFields({
  edge,
  service,
}: {
  edge: AccessEdge
  service: Parameters<typeof RolePicker>[0]['service']
}) {
  const store = useStoreApi()
  const update = store.getState().updateEdge
  return (
    <>
      <div className="field">
        <span className="field-label" id={`roles-${edge.id}`}>
          Roles
        </span>
        <RolePicker
          service={service}
          roles={edge.roles}
          onChange={(roles) => update(edge.id, { roles })}
        />
      </div>
      <Select<Scope>
        label="Scope"
        value={edge.scope ?? 'resource'}
        options={SCOPES.map((s) => ({ value: s, label: SCOPE_LABEL[s] }))}
        onChange={(scope) => update(edge.id, { scope: scope === 'resource' ? undefined : scope })}
        {...(edge.scope && edge.scope !== 'resource'
          ? { error: 'Broader than the resource: the grant reaches every resource in it.' }
          : {})}
      />
      <ViaField edge={edge} />
    </>
  )
}

/** The identity an app's access goes through, with what resolution says about the choice. */
function ViaField({ edge }: { edge: AccessEdge }) {
  const store = useStoreApi()
  const design = useDesigner((s) => s.design)
  const index = useDesigner((s) => analyze(s.design).index)
  const resolution = index.resolutions.get(edge.id)
  const identities = index.attachedIdentities(edge.source)
  const app = nodeById(design, edge.source)
  if (app?.kind !== 'app') return null
  const count = identities.length + (app.systemAssigned ? 1 : 0)
  const options: { value: string; label: string }[] = [
    { value: '', label: notChosenLabel(count) },
    { value: SYSTEM_VIA, label: `System-assigned identity${app.systemAssigned ? '' : ' (off)'}` },
    ...identities.map((id) => ({ value: id, label: nodeById(design, id)?.name ?? id })),
  ]
  if (edge.via !== undefined && !options.some((o) => o.value === edge.via))
    options.push({ value: edge.via, label: `${edge.via} (not attached to this app)` })
  const error =
    resolution && !resolution.resolved
      ? resolution.reason === 'noIdentity'
        ? 'This app has no identity: turn on its system-assigned identity or attach one.'
        : resolution.reason === 'ambiguous'
          ? 'The app has several identities: choose the one this access goes through.'
          : edge.via === ''
            ? 'The file gives an empty identity (via ""), which names none of this app’s: choose one.'
            : 'The chosen identity is not one of this app’s identities.'
      : undefined
  return (
    <Select
      label="Identity used (via)"
      value={edge.via ?? ''}
      options={options}
      onChange={(via) =>
        store.getState().updateEdge(edge.id, { via: via === '' ? undefined : via })
      }
      hint={viaHint(resolution)}
      {...(error ? { error } : {})}
    />
  )
}

/** What leaving `via` empty means for an app with this many identities (PRODUCT.md §4). */
function notChosenLabel(identityCount: number): string {
  if (identityCount === 0) return 'Not chosen (the app has no identity yet)'
  if (identityCount === 1) return 'Not chosen (the app’s only identity)'
  return `Not chosen (ambiguous: the app has ${identityCount} identities)`
}

/** What the app's code does to use the identity this access resolves to. */
function viaHint(resolution: Resolution | undefined): string | undefined {
  if (!resolution?.resolved) return undefined
  return resolution.principal.type === 'systemAssigned'
    ? 'The app’s own identity: DefaultAzureCredential uses it with no client ID to set.'
    : 'The code sets this identity’s client ID for this client (DefaultAzureCredential).'
}
