import type { AriaLabelConfig } from '@xyflow/react'

/**
 * What React Flow tells screen readers about the canvas's keyboard: its descriptions of nodes and
 * edges, worded for this designer (Delete and Enter are ours, arrow keys go between nodes that are
 * not selected, and [ and ] walk connections: see use-arrow-keys.ts, use-neighbour-keys.ts). Zoom
 * and minimap labels keep React Flow's defaults.
 */
export const CANVAS_ARIA_LABELS: Partial<AriaLabelConfig> = {
  'node.a11yDescription.default':
    'Arrow keys go to the nearest node that way. Enter edits the node, Space selects it; arrow keys then move it, Escape lets go. ] and [ go to the next and previous connected node. Delete removes it.',
  'node.a11yDescription.keyboardDisabled':
    'Arrow keys go to the nearest node that way. Enter edits the node, Space selects it. ] and [ go to the next and previous connected node. Delete removes it.',
  'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) =>
    `Moved ${direction} to x ${x}, y ${y}`,
  'edge.a11yDescription.default':
    'Enter edits the connection, Space selects it. ] goes to its target, [ to its source. Delete removes it.',
  'handle.ariaLabel': 'Connection handle',
}
