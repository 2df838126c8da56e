import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore as useFlowStore,
  type ReactFlowState,
  type Connection,
  type FinalConnectionState,
  type IsValidConnection,
  type Node,
} from '@xyflow/react'
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
} from 'react'
import { useShallow } from 'zustand/react/shallow'
import { SERVICES } from '../../catalog/services.ts'
import { planConnection } from '../../model/connect.ts'
import { applyEdgeChanges, applyNodeChanges } from '../../store/flow-changes.ts'
import { GRID } from '../../store/node-factory.ts'
import type { Viewport } from '../../store/types.ts'
import { useDesigner, useStoreApi } from '../store-context.tsx'
import { EDGE_TYPES, NODE_TYPES } from './flow-types.ts'
import {
  detailAt,
  FlowElementCache,
  type Detail,
  type FlowEdge,
  type FlowNode,
} from './flow-elements.ts'
import { tones } from './tones.ts'
import { useIdleValue } from '../panels/use-idle-value.ts'
import { PALETTE_MIME, readPaletteDrag } from './palette-drag.ts'
import { EmptyCanvasHint } from './empty-hint.tsx'
import { CANVAS_ARIA_LABELS } from '../a11y/canvas-aria.ts'
import { motionDuration } from '../a11y/motion.ts'
import { accessibleNames } from '../a11y/names.ts'
import { useNeighbourKeys } from '../a11y/use-neighbour-keys.ts'
import { FIT_PADDING, fitViewport, MAX_FIT_ZOOM, MIN_ZOOM } from './fit.ts'

const FACTS = { defaultRole: (s: keyof typeof SERVICES) => SERVICES[s].defaultRole }
const SNAP: [number, number] = [GRID, GRID]
const MINIMAP_SIZE = { width: 150, height: 100 }
const FIT = { padding: FIT_PADDING, maxZoom: MAX_FIT_ZOOM }
const MINIMAP_COLORS: Record<string, string> = {
  app: 'var(--kind-app)',
  identity: 'var(--kind-identity)',
  service: 'var(--kind-service)',
  developer: 'var(--kind-developer)',
}
const whenReady = (): boolean => true
const detailOf = (s: ReactFlowState): Detail => detailAt(s.transform[2])
const minimapColor = (node: Node): string => MINIMAP_COLORS[node.type ?? ''] ?? 'gray'

/** The React Flow canvas over the store: controlled nodes and edges, built from the design. */
export function Canvas() {
  const store = useStoreApi()
  const flow = useReactFlow<FlowNode, FlowEdge>()
  const [cache] = useState(() => new FlowElementCache())
  const { design, selection, drag, measured } = useDesigner(
    useShallow((s) => ({
      design: s.design,
      selection: s.selection,
      drag: s.drag,
      measured: s.measured,
    })),
  )
  const toneOf = useMemo(() => tones(design), [design])
  const names = useMemo(() => accessibleNames(design), [design])
  const detail = useFlowStore(detailOf)
  const nodes = useMemo(
    () => cache.buildNodes(design, selection, measured, drag, toneOf, detail, names.node),
    [cache, design, selection, measured, drag, toneOf, detail, names],
  )
  const edges = useMemo(
    () => cache.buildEdges(design, selection, toneOf, detail, names.edge),
    [cache, design, selection, toneOf, detail, names],
  )
  // The minimap draws every node: it joins once the canvas is on screen and the page is idle.
  const minimap = useIdleValue(true, whenReady) ?? false
  const pane = useRef<HTMLDivElement>(null)
  const initial = useInitialViewport(pane)
  const onNeighbourKey = useNeighbourKeys()
  useViewCommands(flow, pane, initial?.seq)

  const isValidConnection = useCallback<IsValidConnection<FlowEdge>>(
    (c) => planConnection(store.getState().design, c.source, c.target, FACTS).ok,
    [store],
  )
  const onConnect = useCallback(
    (c: Connection) => void store.getState().connect(c.source, c.target),
    [store],
  )
  // A refused connection dropped on a node says why (isValidConnection alone only greys it out).
  const onConnectEnd = useCallback(
    (_: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode || !state.toNode) return
      if (state.fromNode.id === state.toNode.id) return
      const planned = planConnection(
        store.getState().design,
        state.fromNode.id,
        state.toNode.id,
        FACTS,
      )
      if (!planned.ok) store.getState().notify({ tone: 'warning', title: planned.error })
    },
    [store],
  )

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
  }, [])
  const onDrop = useCallback(
    (event: DragEvent) => {
      const spec = readPaletteDrag(event.dataTransfer)
      if (!spec) return
      event.preventDefault()
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY })
      store.getState().addNode(spec, { x: at.x - 110, y: at.y - 30 })
    },
    [flow, store],
  )

  return (
    <div
      className="canvas"
      ref={pane}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onKeyDown={onNeighbourKey}
    >
      {initial && (
        <ReactFlow<FlowNode, FlowEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          onNodesChange={(changes) => applyNodeChanges(store, changes)}
          onEdgesChange={(changes) => applyEdgeChanges(store, changes)}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          connectionMode={ConnectionMode.Loose}
          defaultViewport={initial.viewport}
          onMoveEnd={(_, viewport) => store.getState().setViewport(viewport)}
          fitViewOptions={FIT}
          snapToGrid
          snapGrid={SNAP}
          onlyRenderVisibleElements
          deleteKeyCode={null}
          multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
          selectionKeyCode="Shift"
          colorMode="system"
          minZoom={MIN_ZOOM}
          maxZoom={2}
          aria-label="Design canvas"
          ariaLabelConfig={CANVAS_ARIA_LABELS}
        >
          {/* Far out the grid would be a dense, costly pattern of sub-pixel dots: leave it out. */}
          {detail !== 'far' && (
            <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.2} />
          )}
          <Controls position="bottom-left" aria-label="Zoom controls" fitViewOptions={FIT} />
          {minimap && (
            <MiniMap
              position="bottom-right"
              pannable
              zoomable
              nodeColor={minimapColor}
              nodeStrokeWidth={0}
              ariaLabel="Mini map"
              style={MINIMAP_SIZE}
            />
          )}
        </ReactFlow>
      )}
      {design.nodes.length === 0 && <EmptyCanvasHint />}
    </div>
  )
}

/**
 * The view React Flow starts with, decided before it first draws (the pane is measured in a
 * layout effect): a pending fit is computed from positions, so a large design is drawn once,
 * already framed.
 */
function useInitialViewport(pane: React.RefObject<HTMLDivElement | null>) {
  const store = useStoreApi()
  const [initial, setInitial] = useState<{ viewport: Viewport; seq: number } | null>(null)
  useLayoutEffect(() => {
    const { viewCommand, viewport, design, measured } = store.getState()
    const el = pane.current
    const fitted =
      viewCommand.seq > 0 && !viewCommand.viewport && el
        ? fitViewport(design, measured, el.clientWidth, el.clientHeight)
        : (viewCommand.viewport ?? viewport)
    // Measuring the pane before the first paint is what layout effects are for.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setInitial({ viewport: fitted, seq: viewCommand.seq })
  }, [store, pane])
  return initial
}

/** Applies the store's view commands: fit the design, show a saved viewport, focus an item. */
function useViewCommands(
  flow: ReturnType<typeof useReactFlow<FlowNode, FlowEdge>>,
  pane: React.RefObject<HTMLDivElement | null>,
  handledSeq: number | undefined,
) {
  const command = useDesigner((s) => s.viewCommand)
  const focus = useDesigner((s) => s.focusRequest)
  const store = useStoreApi()
  // A layout effect: the new view applies in the same frame as the new design, never after it.
  useLayoutEffect(() => {
    if (handledSeq === undefined || command.seq <= handledSeq) return
    if (command.viewport) {
      void flow.setViewport(command.viewport)
      return
    }
    const el = pane.current
    if (!el) return
    const { design, measured } = store.getState()
    void flow.setViewport(fitViewport(design, measured, el.clientWidth, el.clientHeight))
  }, [command, flow, pane, store, handledSeq])
  useEffect(() => {
    if (!focus) return
    const { design } = store.getState()
    const edge = design.edges.find((e) => e.id === focus.id)
    const ids = edge ? [edge.source, edge.target] : [focus.id]
    const targets = ids.flatMap((id) => {
      const n = flow.getInternalNode(id)
      return n ? [n] : []
    })
    if (targets.length === 0) return
    const xs = targets.map((n) => n.internals.positionAbsolute.x + (n.measured.width ?? 220) / 2)
    const ys = targets.map((n) => n.internals.positionAbsolute.y + (n.measured.height ?? 80) / 2)
    const x = xs.reduce((a, b) => a + b, 0) / xs.length
    const y = ys.reduce((a, b) => a + b, 0) / ys.length
    void flow.setCenter(x, y, {
      zoom: Math.max(flow.getZoom(), 0.9),
      duration: motionDuration(250),
    })
  }, [focus, flow, store])
}
