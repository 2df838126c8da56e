// The SVG export read by a renderer that is not a browser: librsvg (rsvg-convert), which GNOME's
// image viewer, ImageMagick and many converters draw SVG with. It knows no CSS custom properties.
import { spawnSync } from 'node:child_process'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import type { Design } from '@/model/types.ts'
import { templateById } from '@/templates/index.ts'
import { LIGHT_TOKENS, type SvgTokens } from '@/ui/files/diagram-svg.ts'
import { HAS_RSVG, needsTool } from '../../support/tools.ts'
import { svgOf } from './svg-of.ts'

/** Scenario 2 exported with `tokens`, drawn by rsvg-convert: pixel colours as `#rrggbb` counts. */
function drawn(tokens: SvgTokens): { colours: Map<string, number>; width: number; at: string } {
  const d = (templateById('scenario-2') as { design: Design }).design
  const { svg } = svgOf(d, { tokens })
  const run = spawnSync('rsvg-convert', ['-f', 'png'], { input: svg, maxBuffer: 64 * 2 ** 20 })
  if (run.status !== 0) throw new Error(`rsvg-convert: ${String(run.stderr)}`)
  const png = PNG.sync.read(run.stdout)
  const colours = new Map<string, number>()
  const hex = (i: number): string =>
    `#${[0, 1, 2].map((c) => (png.data[i + c] as number).toString(16).padStart(2, '0')).join('')}`
  for (let i = 0; i < png.data.length; i += 4) {
    const c = hex(i)
    colours.set(c, (colours.get(c) ?? 0) + 1)
  }
  return { colours, width: png.width, at: hex(4 * (2 * png.width + 2)) }
}

describe('the SVG export in librsvg', () => {
  it.skipIf(!HAS_RSVG)(
    needsTool(
      'draws in the theme’s colours, not black: background, cards, kind bars, lines and text',
      'rsvg-convert',
      HAS_RSVG,
    ),
    () => {
      const { colours, width, at } = drawn(LIGHT_TOKENS)
      const total = [...colours.values()].reduce((a, b) => a + b, 0)
      expect(width).toBeGreaterThan(600)
      expect(at).toBe(LIGHT_TOKENS['--canvas-bg'])
      expect((colours.get('#000000') ?? 0) / total).toBeLessThan(0.001)
      // Card fill, each kind's bar, and the dark text, as solid pixels.
      for (const token of [
        '--surface',
        '--kind-app',
        '--kind-identity',
        '--kind-service',
        '--kind-developer',
        '--text',
      ] as const)
        expect(colours.get(LIGHT_TOKENS[token]) ?? 0, token).toBeGreaterThan(40)
    },
  )

  it.skipIf(!HAS_RSVG)(
    needsTool(
      'follows the tokens the export was made with (a dark theme)',
      'rsvg-convert',
      HAS_RSVG,
    ),
    () => {
      const dark: SvgTokens = {
        ...LIGHT_TOKENS,
        '--canvas-bg': '#101418',
        '--surface': '#1e242b',
        '--text': '#f0f3f6',
      }
      const { colours, at } = drawn(dark)
      expect(at).toBe('#101418')
      expect(colours.get('#1e242b') ?? 0).toBeGreaterThan(1000)
      expect(colours.get('#f0f3f6') ?? 0).toBeGreaterThan(40)
      expect(colours.get(LIGHT_TOKENS['--canvas-bg']) ?? 0).toBe(0)
    },
  )
})
