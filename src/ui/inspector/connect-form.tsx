import { useDeferredValue, useId, useMemo, useState } from 'react'
import type { DesignNode } from '../../model/types.ts'
import { connectTargets } from './connect-targets.ts'
import { Icon } from '../icons.tsx'
import { useDesigner, useStoreApi } from '../store-context.tsx'

const VERB: Record<DesignNode['kind'], string> = {
  app: 'Uses an identity or accesses a service',
  developer: 'Accesses a service',
  identity: 'Used by an app',
  service: 'Accessed by an app or developer',
}

/** Connecting without a mouse: pick a node, press Connect (the same command as a canvas drag). */
export function ConnectForm({ node }: { node: DesignNode }) {
  const store = useStoreApi()
  // The list follows edits in a background render, and only when the design changed: a click
  // elsewhere in the inspector shows its effect first (a large design has hundreds of targets).
  const design = useDeferredValue(useDesigner((s) => s.design))
  const { id: nodeId, kind } = node
  const targets = useMemo(
    () => connectTargets(design, { id: nodeId, kind }),
    [design, nodeId, kind],
  )
  const options = useMemo(
    () =>
      targets.map((t) => (
        <option key={t.id} value={t.id}>
          {t.name} ({t.kind})
        </option>
      )),
    [targets],
  )
  const [choice, setChoice] = useState('')
  const id = useId()
  const selected = targets.some((t) => t.id === choice) ? choice : (targets[0]?.id ?? '')
  if (targets.length === 0) return null
  return (
    <div className="field connect-form">
      <label htmlFor={id}>Connect to</label>
      <div className="inline-row">
        <select
          id={id}
          className="input"
          value={selected}
          onChange={(e) => setChoice(e.target.value)}
        >
          {options}
        </select>
        <button
          type="button"
          className="button"
          onClick={() => store.getState().connect(node.id, selected)}
        >
          <Icon name="plus" size={14} /> Connect
        </button>
      </div>
      <p className="field-hint">{VERB[node.kind]}.</p>
    </div>
  )
}
