import { memo } from 'react'
import { Icon } from '../icons.tsx'
import type { OutlineRow } from './outline-rows.ts'

/** One row of the outline tree: its label (a node's name in bold), its depth, open or closed. */
export const OutlineRowView = memo(function OutlineRowView(props: {
  row: OutlineRow
  index: number
  active: boolean
  selected: boolean
  onFocusRow: (row: OutlineRow) => void
  onToggle: (row: OutlineRow) => void
}) {
  const { row, index, active, selected } = props
  const { item } = row
  return (
    <li
      role="treeitem"
      aria-level={row.level}
      aria-posinset={row.posinset}
      aria-setsize={row.setsize}
      aria-expanded={row.expanded}
      aria-selected={selected}
      tabIndex={active ? 0 : -1}
      data-row={index}
      className={`outline-row outline-${item.kind}${item.severity ? ` sev-${item.severity}` : ''}`}
      style={{ paddingInlineStart: `${(row.level - 1) * 18 + 6}px` }}
      onFocus={() => props.onFocusRow(row)}
    >
      <span
        className="outline-toggle"
        aria-hidden="true"
        onMouseDown={(e) => {
          // A click on the arrow opens or closes the row without moving the selection.
          e.preventDefault()
          if (row.expanded !== undefined) props.onToggle(row)
        }}
      >
        {row.expanded !== undefined && <Icon name="chevron" size={12} />}
      </span>
      <Label text={item.label} emphasis={item.emphasis} />
    </li>
  )
})

/** The label with its first occurrence of `emphasis` in bold: one text, read as one name. */
function Label({ text, emphasis }: { text: string; emphasis: string | undefined }) {
  const at = emphasis ? text.indexOf(emphasis) : -1
  if (!emphasis || at < 0) return <span className="outline-label">{text}</span>
  return (
    <span className="outline-label">
      {text.slice(0, at)}
      {/* Isolated: a name with a right-to-left override must not reverse the words after it. */}
      <strong>
        <bdi>{emphasis}</bdi>
      </strong>
      {text.slice(at + emphasis.length)}
    </span>
  )
}
