import { conditionNote, labelDriftItem } from '../../import/drift-labels.ts'
import type { DriftItem } from '../../import/drift.ts'
import type { Comparison } from '../../store/apply/types.ts'
import { useStoreApi } from '../store-context.tsx'

/**
 * Drift items in words, each with Show (on the canvas) when it has a design node, and its ABAC
 * condition, if any, under it as text. `list` is the list they are in; without it (items picked
 * for removal, never missing ones) a condition is only named.
 */
export function DriftList(props: {
  comparison: Comparison
  items: readonly DriftItem[]
  list?: 'missing' | 'unmanaged' | 'orphaned'
  onShow?: () => void
}) {
  const designer = useStoreApi()
  const { live, bound, drift } = props.comparison
  return (
    <ul className="drift-list">
      {props.items.map((item) => {
        const label = bound ? labelDriftItem(item, live, bound) : null
        const text = label
          ? `${label.role} for ${label.principal} on ${label.scope}`
          : `${item.roleDefinitionId} for ${item.principalId} at ${item.scope}`
        const condition = drift.ok
          ? conditionNote(drift.value, props.list ?? 'unmanaged', item)
          : undefined
        return (
          <li key={`${item.scope}|${item.roleDefinitionId}|${item.principalId}`}>
            {text}{' '}
            {label?.node && (
              <button
                type="button"
                className="link-button"
                aria-label={`Show ${text} on the canvas`}
                onClick={() => {
                  designer.getState().focus(label.node!)
                  props.onShow?.()
                }}
              >
                Show
              </button>
            )}
            {condition && <div className="drift-condition muted">{condition}</div>}
          </li>
        )
      })}
    </ul>
  )
}
