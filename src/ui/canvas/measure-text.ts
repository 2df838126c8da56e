import { roughMeasure, type Measure } from './drawing/label-text.ts'

let measure: Measure | undefined

/**
 * Measures label text as the browser draws it (a 2D canvas with the page's font at the label's
 * 11 px), remembering each answer; where there is no canvas to measure with (jsdom), generous
 * estimates.
 */
export function labelMeasure(): Measure {
  measure ??= browserMeasure() ?? roughMeasure
  return measure
}

function browserMeasure(): Measure | undefined {
  if (typeof document === 'undefined' || navigator.userAgent.includes('jsdom')) return undefined
  const context = document.createElement('canvas').getContext('2d')
  if (!context) return undefined
  const family = getComputedStyle(document.body).fontFamily || 'sans-serif'
  const known = new Map<string, number>()
  return (text, bold) => {
    const key = `${bold ? 'b' : 'n'}${text}`
    let width = known.get(key)
    if (width === undefined) {
      context.font = `${bold ? 600 : 400} 11px ${family}`
      // A pixel of slack per side: the label's layout rounds each part up.
      width = Math.ceil(context.measureText(text).width) + 2
      known.set(key, width)
    }
    return width
  }
}
