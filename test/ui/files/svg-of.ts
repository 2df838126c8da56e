import type { Design } from '@/model/types.ts'
import { analyze } from '@/store/derived.ts'
import { roughMeasure } from '@/ui/canvas/drawing/label-text.ts'
import { fallbackPositions } from '@/ui/canvas/flow-elements.ts'
import { nodeLook } from '@/ui/canvas/node-look.ts'
import { diagramSvg, LIGHT_TOKENS } from '@/ui/files/diagram-svg.ts'

/** A design exported as the designer does (bundled drawing, light theme), with overrides. */
export function svgOf(d: Design, extra: Partial<Parameters<typeof diagramSvg>[0]> = {}) {
  return diagramSvg({
    design: d,
    index: analyze(d).index,
    drawing: 'bundled',
    fallback: fallbackPositions(d),
    kindLabel: (n) => nodeLook(n).kindLabel,
    problems: () => 0,
    measure: roughMeasure,
    tokens: LIGHT_TOKENS,
    ...extra,
  })
}
