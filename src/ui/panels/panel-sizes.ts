import { useCallback, useEffect, useState } from 'react'
import type { KeyValueStorage } from '../../lib/key-value-storage.ts'

/**
 * The sizes of the inspector (a width) and the bottom panel (a height), and whether each is shut.
 * A size the user never set is absent: the style sheet's default for the screen then applies.
 */
export interface PanelSizes {
  readonly inspector?: number
  readonly bottom?: number
  readonly inspectorCollapsed: boolean
  readonly bottomCollapsed: boolean
}

export const PANEL_LIMITS = {
  inspector: { min: 240, max: 720, initial: 330 },
  bottom: { min: 120, max: 720, initial: 220 },
} as const

export const DEFAULT_SIZES: PanelSizes = {
  inspectorCollapsed: false,
  bottomCollapsed: false,
}

const KEY = 'panel-sizes'

export function clampSize(panel: keyof typeof PANEL_LIMITS, value: number): number {
  const { min, max } = PANEL_LIMITS[panel]
  return Math.round(Math.min(max, Math.max(min, value)))
}

/** What storage held, checked field by field: anything odd falls back to the default. */
export function readSizes(saved: unknown): PanelSizes {
  if (typeof saved !== 'object' || saved === null) return DEFAULT_SIZES
  const s = saved as Partial<Record<keyof PanelSizes, unknown>>
  const size = (panel: keyof typeof PANEL_LIMITS): { [k in typeof panel]?: number } => {
    const v = s[panel]
    return typeof v === 'number' && Number.isFinite(v) ? { [panel]: clampSize(panel, v) } : {}
  }
  return {
    ...size('inspector'),
    ...size('bottom'),
    inspectorCollapsed: s.inspectorCollapsed === true,
    bottomCollapsed: s.bottomCollapsed === true,
  }
}

/**
 * The panel sizes, read once from storage and written back on every change, so they persist
 * across reloads. Until storage answers, the defaults apply.
 */
export function usePanelSizes(
  storage: KeyValueStorage,
): [PanelSizes, (change: Partial<PanelSizes>) => void] {
  const [sizes, setSizes] = useState(DEFAULT_SIZES)
  useEffect(() => {
    let live = true
    storage.get(KEY).then(
      (saved) => live && setSizes(readSizes(saved)),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [storage])
  const change = useCallback(
    (part: Partial<PanelSizes>) =>
      setSizes((old) => {
        const next = { ...old, ...part }
        void storage.set(KEY, next).catch(() => undefined)
        return next
      }),
    [storage],
  )
  return [sizes, change]
}
