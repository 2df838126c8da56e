import type { AriaLabelConfig } from '@xyflow/react'

/**
 * What React Flow tells screen readers about the canvas's keyboard: its descriptions of nodes and
 * edges, worded for this designer (Delete is ours, and [ and ] walk connections: see
 * use-neighbour-keys.ts). Zoom and minimap labels keep React Flow's defaults.
 */
export const CANVAS_ARIA_LABELS: Partial<AriaLabelConfig> = {
  'node.a11yDescription.default':
    'Enter or Space selects the node; arrow keys then move it. ] and [ go to the next and previous connected node. Delete removes it.',
  'node.a11yDescription.keyboardDisabled':
    'Enter or Space selects the node. ] and [ go to the next and previous connected node. Delete removes it.',
  'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) =>
    `Moved ${direction} to x ${x}, y ${y}`,
  'edge.a11yDescription.default':
    'Enter or Space selects the connection. ] goes to its target, [ to its source. Delete removes it.',
  'handle.ariaLabel': 'Connection handle',
}
