import { useRef, type KeyboardEvent, type PointerEvent } from 'react'
import { clampSize, PANEL_LIMITS, type PanelSizes } from './panel-sizes.ts'

const STEP = 16

/**
 * A window splitter (WAI-ARIA): drag it, or focus it and use the arrows (Home/End for the
 * limits), Enter to collapse or expand the panel. `grows` says which way of the pointer makes the
 * panel bigger: `left` for a panel on the right, `up` for one at the bottom.
 */
export function Splitter(props: {
  label: string
  panel: string
  grows: 'left' | 'up'
  value: number
  min: number
  max: number
  collapsed: boolean
  onResize: (value: number) => void
  onToggle: () => void
}) {
  const start = useRef<{ at: number; value: number } | null>(null)
  const vertical = props.grows === 'left'
  const coordinate = (e: PointerEvent): number => (vertical ? e.clientX : e.clientY)
  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    if (e.button !== 0) return
    e.currentTarget.setPointerCapture(e.pointerId)
    start.current = { at: coordinate(e), value: props.collapsed ? props.min : props.value }
  }
  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (!start.current) return
    // Moving towards the panel's far side shrinks it: left/up grows it.
    props.onResize(start.current.value - (coordinate(e) - start.current.at))
  }
  const onPointerUp = (): void => {
    start.current = null
  }
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const grow = vertical ? 'ArrowLeft' : 'ArrowUp'
    const shrink = vertical ? 'ArrowRight' : 'ArrowDown'
    const to: Record<string, number> = {
      [grow]: props.value + STEP,
      [shrink]: props.value - STEP,
      Home: props.min,
      End: props.max,
    }
    if (e.key === 'Enter') {
      e.preventDefault()
      props.onToggle()
      return
    }
    const value = to[e.key]
    if (value === undefined) return
    e.preventDefault()
    props.onResize(value)
  }
  return (
    <div className={`splitter splitter-${vertical ? 'vertical' : 'horizontal'}`}>
      <div
        role="separator"
        tabIndex={0}
        aria-label={props.label}
        aria-orientation={vertical ? 'vertical' : 'horizontal'}
        aria-valuenow={props.collapsed ? props.min : props.value}
        aria-valuemin={props.min}
        aria-valuemax={props.max}
        className="splitter-bar"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
        title={`Drag to resize, Enter to ${props.collapsed ? 'expand' : 'collapse'}`}
      />
      <button
        type="button"
        className="splitter-toggle"
        aria-expanded={!props.collapsed}
        aria-label={`${props.collapsed ? 'Expand' : 'Collapse'} ${props.panel}`}
        onClick={props.onToggle}
      >
        <span aria-hidden="true">
          {vertical ? (props.collapsed ? '‹' : '›') : props.collapsed ? '˄' : '˅'}
        </span>
      </button>
    </div>
  )
}

const PANELS = {
  inspector: { label: 'Resize inspector', panel: 'inspector', grows: 'left' },
  bottom: { label: 'Resize bottom panel', panel: 'bottom panel', grows: 'up' },
} as const

const DRAWN = { inspector: ['.inspector', 'width'], bottom: ['.bottom-panel', 'height'] } as const

/** The panel's size as drawn (the style sheet's default until the user sets one). */
function drawnSize(which: keyof typeof PANELS): number {
  const [selector, side] = DRAWN[which]
  const rect = document.querySelector(selector)?.getBoundingClientRect()
  return rect && rect[side] > 0 ? Math.round(rect[side]) : PANEL_LIMITS[which].initial
}

/** The splitter of the inspector or of the bottom panel, over the stored sizes. */
export function PanelSplitter(props: {
  which: keyof typeof PANELS
  sizes: PanelSizes
  resize: (change: Partial<PanelSizes>) => void
}) {
  const { which, sizes, resize } = props
  const shut = which === 'inspector' ? 'inspectorCollapsed' : 'bottomCollapsed'
  return (
    <Splitter
      {...PANELS[which]}
      {...PANEL_LIMITS[which]}
      value={sizes[which] ?? drawnSize(which)}
      collapsed={sizes[shut]}
      onResize={(v) => resize({ [which]: clampSize(which, v), [shut]: false })}
      onToggle={() => resize({ [shut]: !sizes[shut] })}
    />
  )
}
