import { HOSTING } from '../../catalog/hosting.ts'
import { SERVICES } from '../../catalog/services.ts'
import { assertNever } from '../../lib/assert.ts'
import type { DesignNode } from '../../model/types.ts'
import { HOSTING_GLYPH, SERVICE_GLYPH } from '../glyph-maps.ts'
import type { GlyphName } from '../icons.tsx'

/** A node's icon and the kind written under its name, on the canvas and in the SVG export. */
export function nodeLook(node: DesignNode): { glyph: GlyphName; kindLabel: string } {
  switch (node.kind) {
    case 'app':
      return { glyph: HOSTING_GLYPH[node.hosting], kindLabel: HOSTING[node.hosting].label }
    case 'identity':
      return { glyph: 'identity', kindLabel: 'User-assigned identity' }
    case 'service':
      return { glyph: SERVICE_GLYPH[node.service], kindLabel: SERVICES[node.service].label }
    case 'developer':
      return node.principal === 'group'
        ? { glyph: 'people', kindLabel: 'Developer group' }
        : { glyph: 'person', kindLabel: 'Developer' }
    default:
      return assertNever(node, 'node kind')
  }
}
