/** Why the actions that work on a design's nodes are off while it has none (their tooltip). */
export const EMPTY_DESIGN_REASON =
  'the design is empty: add nodes from the palette, or start from a tutorial scenario (New) or an import (Azure)'
