import { HOSTING } from '../../catalog/hosting.ts'
import { SERVICES } from '../../catalog/services.ts'
import {
  HOSTING_KINDS,
  SERVICE_KINDS,
  type HostingKind,
  type ServiceKind,
} from '../../model/kinds.ts'
import { groupTagOf } from '../../layout/groups.ts'
import type { AppNode, DesignNode, ServiceNode } from '../../model/types.ts'
import { groupTagProblem } from '../../store/group-view.ts'
import { findingsFor } from '../../store/derived.ts'
import { Icon } from '../icons.tsx'
import { FindingItem } from '../panels/finding-item.tsx'
import { useDesigner, useStoreApi } from '../store-context.tsx'
import { ConnectForm } from './connect-form.tsx'
import { Connections } from './connections.tsx'
import { CommitText, Select } from './fields.tsx'
import { validateName } from './validation.ts'
import { azureNameProblem, sameResourceProblem } from '../../catalog/name-rules.ts'

const KIND_TITLE: Record<DesignNode['kind'], string> = {
  app: 'App',
  identity: 'User-assigned identity',
  service: 'Service',
  developer: 'Developer',
}

/** Edits the selected node: name, its kind's fields, connections, and its findings. */
export function NodeInspector({ node }: { node: DesignNode }) {
  const store = useStoreApi()
  const findings = useDesigner((s) => findingsFor(s.design, node.id))
  const design = useDesigner((s) => s.design)
  const update = store.getState().updateNode
  return (
    <div className="inspector-body">
      <div className="inspector-kind-row">
        <p className="inspector-kind">{KIND_TITLE[node.kind]}</p>
        <FocusButton node={node} />
      </div>
      <CommitText
        label="Name"
        value={node.name}
        validate={validateName}
        warn={(name) =>
          azureNameProblem({ ...node, name }) ?? sameResourceProblem(design, { ...node, name })
        }
        onCommit={(name) => update(node.id, { name })}
      />
      <CommitText
        label="Group"
        value={groupTagOf(node) ?? ''}
        validate={groupTagProblem}
        onCommit={(group) => store.getState().setNodeGroup(node.id, group)}
        hint="Nodes with the same group share a box when the canvas groups by group tag."
      />
      {node.kind === 'app' && <AppFields node={node} />}
      {node.kind === 'service' && <ServiceFields node={node} />}
      {node.kind === 'developer' && (
        <Select
          label="Principal"
          value={node.principal}
          options={[
            { value: 'group', label: 'Security group' },
            { value: 'user', label: 'User' },
          ]}
          onChange={(principal) => update(node.id, { principal })}
          hint="A group lets every developer share the same access."
        />
      )}
      <Connections node={node} />
      <ConnectForm node={node} />
      {findings.length > 0 && (
        <section className="inspector-findings" aria-label="Problems with this node">
          <h3>Problems</h3>
          {findings.map((f, i) => (
            <FindingItem key={`${f.rule}-${i}`} finding={f} showSubject={false} focusItem />
          ))}
        </section>
      )}
      <p className="inspector-id">
        id <code>{node.id}</code>
      </p>
      <button
        type="button"
        className="button danger"
        onClick={() => store.getState().removeSelection()}
      >
        <Icon name="trash" size={15} /> Delete {node.kind}
      </button>
    </div>
  )
}

function AppFields({ node }: { node: AppNode }) {
  const update = useStoreApi().getState().updateNode
  const fact = HOSTING[node.hosting]
  return (
    <>
      <Select<HostingKind>
        label="Hosting"
        value={node.hosting}
        options={HOSTING_KINDS.map((h) => ({ value: h, label: HOSTING[h].label }))}
        onChange={(hosting) => update(node.id, { hosting })}
      />
      <div className="field checkbox-field">
        <label>
          <input
            type="checkbox"
            checked={!!node.systemAssigned}
            onChange={(e) => update(node.id, { systemAssigned: e.target.checked })}
          />
          System-assigned identity
        </label>
        <p className={fact.systemAssigned ? 'field-hint' : 'field-error'}>
          {fact.systemAssigned
            ? 'Lives and dies with the app; use it for access only this app needs.'
            : `${fact.label}s use user-assigned identities (workload identity), not a system-assigned one.`}
        </p>
      </div>
    </>
  )
}

function ServiceFields({ node }: { node: ServiceNode }) {
  const update = useStoreApi().getState().updateNode
  return (
    <>
      <Select<ServiceKind>
        label="Service kind"
        value={node.service}
        options={SERVICE_KINDS.map((s) => ({ value: s, label: SERVICES[s].label }))}
        onChange={(service) =>
          update(node.id, {
            service,
            ...(service !== 'keyVault' ? { permissionModel: undefined } : {}),
          })
        }
      />
      {node.service === 'keyVault' && (
        <fieldset className="field radio-group">
          <legend>Permission model</legend>
          {(['rbac', 'accessPolicy'] as const).map((model) => (
            <label key={model}>
              <input
                type="radio"
                name={`perm-${node.id}`}
                checked={(node.permissionModel ?? 'rbac') === model}
                onChange={() => update(node.id, { permissionModel: model })}
              />
              {model === 'rbac' ? 'Azure RBAC (recommended)' : 'Vault access policies'}
            </label>
          ))}
        </fieldset>
      )}
    </>
  )
}

/** Shows only the node and what it connects to (the view bar's breadcrumb leads back). */
function FocusButton({ node }: { node: DesignNode }) {
  const store = useStoreApi()
  const focused = useDesigner((s) => s.neighbourhood === node.id)
  if (focused) return null
  return (
    <button
      type="button"
      className="button small"
      aria-label={`Focus on ${node.name}`}
      title="Show only this node and what it connects to (F)"
      aria-keyshortcuts="F"
      onClick={() => store.getState().showNeighbourhood(node.id)}
    >
      Focus
    </button>
  )
}
