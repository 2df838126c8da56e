import { useReactFlow } from '@xyflow/react'
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react'
import { HOSTING_KINDS, SERVICE_KINDS } from '../model/kinds.ts'
import { specLabel, type NewNodeSpec } from '../store/node-factory.ts'
import { addNodeInView } from './canvas/new-node-spot.ts'
import { writePaletteDrag } from './canvas/palette-drag.ts'
import { HOSTING_GLYPH, SERVICE_GLYPH } from './glyph-maps.ts'
import { Glyph, type GlyphName } from './icons.tsx'
import { focusInspector } from './outline/inspector-focus.ts'
import { useReturnFromInspector } from './outline/use-return-from-inspector.ts'
import { useStoreApi } from './store-context.tsx'

interface Item {
  readonly spec: NewNodeSpec
  readonly glyph: GlyphName
}

const SECTIONS: readonly { title: string; kind: string; items: readonly Item[] }[] = [
  {
    title: 'Apps',
    kind: 'app',
    items: HOSTING_KINDS.map((hosting) => ({
      spec: { kind: 'app', hosting },
      glyph: HOSTING_GLYPH[hosting],
    })),
  },
  {
    title: 'Identities',
    kind: 'identity',
    items: [{ spec: { kind: 'identity' }, glyph: 'identity' }],
  },
  {
    title: 'Services',
    kind: 'service',
    items: SERVICE_KINDS.map((service) => ({
      spec: { kind: 'service', service },
      glyph: SERVICE_GLYPH[service],
    })),
  },
  {
    title: 'Developers',
    kind: 'developer',
    items: [
      { spec: { kind: 'developer', principal: 'group' }, glyph: 'people' },
      { spec: { kind: 'developer', principal: 'user' }, glyph: 'person' },
    ],
  },
]

const ALL = SECTIONS.flatMap((s) => s.items)
/**
 * Adds nodes by drag (onto the canvas) or by click/Enter (at the centre of the view). One roving
 * tab stop: arrow keys move between items, Home/End jump, Enter or Space adds. Added from the
 * keyboard, the new node's Name field takes the focus, its text selected, so a name can be typed
 * at once; Escape there comes back to the palette item, to add the next one.
 */
export function Palette() {
  const store = useStoreApi()
  const flow = useReactFlow()
  const [active, setActive] = useState(0)
  const refs = useRef<(HTMLButtonElement | null)[]>([])

  // The item a node was added from by keyboard, while the keyboard is in the inspector.
  const origin = useRef<HTMLElement | null>(null)
  useReturnFromInspector(
    useCallback(() => (origin.current?.isConnected ? origin.current : null), []),
  )
  useEffect(() => {
    const forget = (event: FocusEvent): void => {
      if (!(event.target as HTMLElement | null)?.closest?.('aside.inspector')) origin.current = null
    }
    window.addEventListener('focusin', forget)
    return () => window.removeEventListener('focusin', forget)
  }, [])

  // In the middle of the view, or the nearest spot in view clear of the bars and the nodes.
  const add = (spec: NewNodeSpec, event: MouseEvent<HTMLButtonElement>): void => {
    const id = addNodeInView(store, flow, spec)
    // A click the keyboard made (Enter, Space) has no mouse button count.
    if (id === undefined || event.detail !== 0) return
    origin.current = event.currentTarget
    focusInspector({ to: 'name' }, store.getState().design.nodes.find((n) => n.id === id)?.name)
  }

  const onKeyDown = (event: KeyboardEvent, index: number): void => {
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowRight: index + 1,
      ArrowUp: index - 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: ALL.length - 1,
    }
    const next = moves[event.key]
    if (next === undefined) return
    event.preventDefault()
    const clamped = (next + ALL.length) % ALL.length
    setActive(clamped)
    refs.current[clamped]?.focus()
  }

  let index = -1
  return (
    <nav className="palette" aria-label="Palette">
      <h2 className="panel-title">Add to design</h2>
      {SECTIONS.map((section) => (
        <section key={section.title} className={`palette-section kind-${section.kind}`}>
          <h3>{section.title}</h3>
          <div className="palette-grid">
            {section.items.map((item) => {
              const i = ++index
              const label = specLabel(item.spec)
              return (
                <button
                  key={label}
                  ref={(el) => {
                    refs.current[i] = el
                  }}
                  type="button"
                  className="palette-item"
                  tabIndex={i === active ? 0 : -1}
                  aria-label={`Add ${label}`}
                  title={`Add ${label} — click, or drag onto the canvas`}
                  draggable
                  onDragStart={(e) => writePaletteDrag(e.dataTransfer, item.spec)}
                  onClick={(e) => add(item.spec, e)}
                  onFocus={() => setActive(i)}
                  onKeyDown={(e) => onKeyDown(e, i)}
                >
                  <span className="palette-icon">
                    <Glyph name={item.glyph} size={18} />
                  </span>
                  <span className="palette-label">{label}</span>
                </button>
              )
            })}
          </div>
        </section>
      ))}
      <p className="palette-tip">Tip: drag from a node’s handle to another node to connect them.</p>
    </nav>
  )
}
