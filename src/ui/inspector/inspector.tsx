import { useRef } from 'react'
import { useKeepFocus } from '../a11y/keep-focus.ts'
import { useShallow } from 'zustand/react/shallow'
import { analyze } from '../../store/derived.ts'
import { Icon } from '../icons.tsx'
import { edgeById, nodeById } from '../canvas/lookups.ts'
import { useDesigner, useStoreApi } from '../store-context.tsx'
import { ConnectionList } from './connection-list.tsx'
import { EdgeInspector } from './edge-inspector.tsx'
import { CommitText } from './fields.tsx'
import { validateName } from './validation.ts'
import { NodeInspector } from './node-inspector.tsx'

/** The right-hand panel: edits whatever is selected, or the design itself when nothing is. */
export function Inspector() {
  const selection = useDesigner((s) => s.selection)
  const design = useDesigner((s) => s.design)
  // Undo may remove what is selected: show only what still exists.
  const nodes = selection.nodes.filter((id) => nodeById(design, id))
  const edges = selection.edges.filter((id) => edgeById(design, id))
  const node =
    nodes.length === 1 && edges.length === 0 ? nodeById(design, nodes[0] ?? '') : undefined
  const edge =
    edges.length === 1 && nodes.length === 0 ? edgeById(design, edges[0] ?? '') : undefined
  const count = nodes.length + edges.length
  const heading = useRef<HTMLHeadingElement>(null)
  // Connect selects the new connection, Delete clears the selection, a fix removes its finding:
  // a finding now in the old one's place, or the heading of what is shown, takes the focus.
  const aside = useKeepFocus<HTMLElement>(
    [node?.id ?? edge?.id ?? (count > 1 ? 'several' : 'design'), design],
    () => heading.current,
  )
  return (
    <aside className="inspector" aria-label="Inspector" ref={aside}>
      <h2 className="panel-title" ref={heading} tabIndex={-1}>
        {node ? node.name : edge ? 'Connection' : count > 1 ? 'Selection' : 'Design'}
      </h2>
      {node ? (
        <NodeInspector key={node.id} node={node} />
      ) : edge ? (
        <EdgeInspector key={edge.id} edge={edge} />
      ) : count > 1 ? (
        <MultiSelection nodes={nodes.length} edges={edges} />
      ) : (
        <DesignInspector />
      )}
    </aside>
  )
}

function MultiSelection({ nodes, edges: ids }: { nodes: number; edges: readonly string[] }) {
  const store = useStoreApi()
  const edges = ids.length
  return (
    <div className="inspector-body">
      <p>
        {nodes > 0 && `${nodes} node${nodes > 1 ? 's' : ''}`}
        {nodes > 0 && edges > 0 && ' and '}
        {edges > 0 && `${edges} connection${edges > 1 ? 's' : ''}`} selected.
      </p>
      {nodes === 0 && <ConnectionList ids={ids} />}
      <div className="inline-row">
        <button type="button" className="button" onClick={() => store.getState().copySelection()}>
          Copy
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => store.getState().removeSelection()}
        >
          <Icon name="trash" size={15} /> Delete selection
        </button>
      </div>
    </div>
  )
}

function DesignInspector() {
  const store = useStoreApi()
  const name = useDesigner((s) => s.design.name)
  const stats = useDesigner(
    useShallow((s) => {
      const byKind = { app: 0, identity: 0, service: 0, developer: 0 }
      for (const n of s.design.nodes) byKind[n.kind]++
      return { ...byKind, grants: analyze(s.design).index.distinctGrantCount() }
    }),
  )
  return (
    <div className="inspector-body">
      <CommitText
        label="Design name"
        value={name}
        validate={validateName}
        onCommit={(text) => store.getState().renameDesign(text)}
      />
      <dl className="stats">
        <dt>Apps</dt>
        <dd>{stats.app}</dd>
        <dt>Identities</dt>
        <dd>{stats.identity}</dd>
        <dt>Services</dt>
        <dd>{stats.service}</dd>
        <dt>Developers</dt>
        <dd>{stats.developer}</dd>
        <dt>Distinct grants</dt>
        <dd>{stats.grants}</dd>
      </dl>
      <p className="field-hint">
        Select a node or a connection to edit it. Shift-drag to select several; Delete removes,
        Ctrl+C / Ctrl+V copy and paste.
      </p>
    </div>
  )
}
