import { useId } from 'react'
import type { Grouping } from '../../../layout/groups.ts'
import { useDesigner, useStoreApi } from '../../store-context.tsx'

const CHOICES: Record<Grouping, string> = {
  none: 'None',
  resourceGroup: 'Resource group',
  tag: 'Group tag',
}

/** The view bar's "Groups" choice: boxes by resource group, by `group` tag, or none. */
export function GroupingChoice() {
  const store = useStoreApi()
  const grouping = useDesigner((s) => s.grouping)
  const id = useId()
  return (
    <div className="grouping-choice" title="Draw a box around the nodes of each group">
      <label htmlFor={id}>Groups</label>
      <select
        id={id}
        value={grouping}
        onChange={(e) => store.getState().setGrouping(e.target.value as Grouping)}
      >
        {(Object.keys(CHOICES) as Grouping[]).map((g) => (
          <option key={g} value={g}>
            {CHOICES[g]}
          </option>
        ))}
      </select>
    </div>
  )
}
