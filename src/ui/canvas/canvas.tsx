import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  ControlButton,
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
  type NodeChange,
  type EdgeChange,
  type Viewport,
} from '@xyflow/react'
import {
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type KeyboardEvent,
} from 'react'
import { useShallow } from 'zustand/react/shallow'
import { SERVICES } from '../../catalog/services.ts'
import { planConnection } from '../../model/connect.ts'
import { applyEdgeChanges, applyNodeChanges } from '../../store/flow-changes.ts'
import { GRID } from '../../store/node-factory.ts'
import { useDesigner, useStoreApi } from '../store-context.tsx'
import { useEditDeferredValue } from '../use-edit-deferred.ts'
import { EDGE_TYPES, NODE_TYPES } from './flow-types.ts'
import {
  detailAt,
  FlowElementCache,
  type Detail,
  type FlowEdge,
  type FlowNode,
} from './flow-elements.ts'
import { nodeDress } from './tones.ts'
import { CanvasActionsContext, type CanvasActions } from './canvas-actions.ts'
import { labelScaleAt, useScene } from './use-scene.ts'
import { neighbourhoodOf, type Neighbourhood } from './neighbourhood.ts'
import { nodeById } from './lookups.ts'
import { analyze } from '../../store/derived.ts'
import type { Design } from '../../model/types.ts'
import { useIdleValue } from '../panels/use-idle-value.ts'
import { PALETTE_MIME, readPaletteDrag } from './palette-drag.ts'
import { addNodeInView } from './new-node-spot.ts'
import { EmptyCanvasHint } from './empty-hint.tsx'
import { ViewBar } from './view-bar.tsx'
import { Icon } from '../icons.tsx'
import { CANVAS_ARIA_LABELS } from '../a11y/canvas-aria.ts'
import { accessibleNames } from '../a11y/names.ts'
import { useFocusedItemKeys } from '../a11y/use-focused-item-keys.ts'
import { useArrowKeys } from '../a11y/use-arrow-keys.ts'
import { useNeighbourKeys } from '../a11y/use-neighbour-keys.ts'
import { useInitialViewport, useViewCommands } from './use-view-commands.ts'
import type { CanvasEdge, CanvasNode } from './groups/group-flow.ts'
import { useGroupLayer } from './groups/use-group-layer.ts'
import { TAB_STOP_CLASS, useTabStop } from './use-tab-stop.ts'
import { fitPadding, hasMinimap, MAX_FIT_ZOOM, MIN_ZOOM } from './fit.ts'

const FACTS = { defaultRole: (s: keyof typeof SERVICES) => SERVICES[s].defaultRole }
const SNAP: [number, number] = [GRID, GRID]
const MINIMAP_SIZE = { width: 150, height: 100 }
const MINIMAP_COLORS: Record<string, string> = {
  app: 'var(--kind-app)',
  identity: 'var(--kind-identity)',
  service: 'var(--kind-service)',
  developer: 'var(--kind-developer)',
  'group-box': 'transparent',
  'group-card': 'var(--text-2)',
}
const MULTI_SELECT_KEYS = ['Meta', 'Control', 'Shift']
const whenReady = (): boolean => true
const detailOf = (s: ReactFlowState): Detail => detailAt(s.transform[2])
const labelScaleOf = (s: ReactFlowState): number => labelScaleAt(s.transform[2])
const minimapColor = (node: Node): string => MINIMAP_COLORS[node.type ?? ''] ?? 'gray'

/** The React Flow canvas over the store: controlled nodes and edges, built from the design. */
export function Canvas() {
  const store = useStoreApi()
  const flow = useReactFlow<FlowNode, FlowEdge>()
  const [cache] = useState(() => new FlowElementCache())
  const {
    design: current,
    selection,
    drag,
    measured,
    drawing,
    root,
  } = useDesigner(
    useShallow((s) => ({
      design: s.design,
      selection: s.selection,
      drag: s.drag,
      measured: s.measured,
      drawing: s.edgeDrawing,
      root: s.neighbourhood,
    })),
  )
  // The canvas draws an edit in a deferred render, which yields to input: what the edit changed in
  // the inspector, the findings and the status bar shows first, the lines a moment later. Another
  // document is drawn at once, with its title.
  const design = useEditDeferredValue(current)
  const dress = useMemo(() => nodeDress(design, accessibleNames(design).node), [design])
  const detail = useFlowStore(detailOf)
  const scale = useFlowStore(labelScaleOf)
  const neighbourhood = useNeighbourhood(design, root)
  const pane = useRef<HTMLDivElement>(null)
  // The canvas is one stop in the page's Tab order; the canvas's keys go between its nodes.
  const { onStopFocus, onFocus, onBlur, onKeyDown: onTabKey, entry } = useTabStop(pane)
  const { scene, look } = useScene(design, drawing, neighbourhood, detail, scale, drag)
  const nodes = useMemo(
    () => cache.buildNodes(design, selection, measured, drag, dress, detail, neighbourhood?.nodes),
    [cache, design, selection, measured, drag, dress, detail, neighbourhood],
  )
  const edges = useMemo(
    () => cache.buildEdges(scene.drawing.segments, selection, look, detail),
    [cache, scene, selection, look, detail],
  )
  const shownAll = useGroupLayer(design, nodes, edges)
  // The minimap draws every node: it joins once the canvas is on screen and the page is idle.
  const idle = useIdleValue(true, whenReady) ?? false
  const shown = nodes.length
  const minimap = idle && hasMinimap(shown)
  // Fit View (the zoom controls) keeps clear of the view bar as the store's fit does: in a narrow
  // canvas the bar wraps to two rows and would cover the top nodes.
  const [bar, setBar] = useState(0)
  const fit = useMemo(
    () => ({ padding: fitPadding(shown, bar), maxZoom: MAX_FIT_ZOOM }),
    [shown, bar],
  )
  const initial = useInitialViewport(pane)
  const onNeighbourKey = useNeighbourKeys()
  const onArrowKey = useArrowKeys()
  // A line stands for the design edges it draws (a collapsed group's line, for those of all the
  // lines it replaces): selecting it selects them. Read through a ref, so onEdgesChange keeps its
  // identity when the lines change.
  const segmentMembers = useMemo(
    () => new Map(scene.drawing.segments.map((s) => [s.id, s.members.map((m) => m.id)])),
    [scene],
  )
  const membersOf = useRef<(id: string) => readonly string[]>((id) => [id])
  useLayoutEffect(() => {
    const links = new Map<string, readonly string[]>()
    for (const e of shownAll.edges)
      if (e.type === 'group-link' && e.data) links.set(e.id, e.data.members)
    membersOf.current = (id) => links.get(id) ?? segmentMembers.get(id) ?? [id]
  }, [segmentMembers, shownAll])
  const onFocusedItemKey = useFocusedItemKeys(membersOf, entry)
  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      onFocusedItemKey(event)
      onNeighbourKey(event)
      onArrowKey(event)
      onTabKey(event)
    },
    [onFocusedItemKey, onNeighbourKey, onArrowKey, onTabKey],
  )
  useViewCommands(flow, pane, initial?.seq, neighbourhood)
  const actions = useMemo(
    (): CanvasActions => ({
      setSystemAssigned: (id, on) => store.getState().updateNode(id, { systemAssigned: on }),
      selectEdges: (ids) => store.getState().select({ nodes: [], edges: [...ids] }),
    }),
    [store],
  )

  // Every handler keeps its identity across renders: React Flow copies a changed one into its
  // store, which re-runs the selectors of every drawn node and line.
  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => applyNodeChanges(store, changes),
    [store],
  )
  const onEdgesChange = useCallback(
    (changes: EdgeChange<CanvasEdge>[]) =>
      applyEdgeChanges(store, changes, (id) => membersOf.current(id)),
    [store],
  )
  const onMoveEnd = useCallback(
    (_: unknown, viewport: Viewport) => store.getState().setViewport(viewport),
    [store],
  )
  const isValidConnection = useCallback<IsValidConnection<CanvasEdge>>(
    (c) => planConnection(store.getState().design, c.source, c.target, FACTS).ok,
    [store],
  )
  const onConnect = useCallback(
    (c: Connection) => void store.getState().connect(c.source, c.target),
    [store],
  )
  // While a line is drawn, the node under the pointer lights up as a target (canvas.css): a data
  // attribute on the pane, so no node re-renders for it.
  const onConnectStart = useCallback(() => pane.current?.setAttribute('data-connecting', ''), [])
  // A line dropped anywhere on a node's body connects to it, not only on its handle; a refused
  // one says why (isValidConnection alone only greys it out).
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      pane.current?.removeAttribute('data-connecting')
      if (state.isValid || !state.fromNode) return
      const target = state.toNode?.id ?? nodeUnder(event)
      if (!target || target === state.fromNode.id) return
      // connect says why when the design refuses it.
      store.getState().connect(state.fromNode.id, target)
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
      // Where it was dropped, moved clear of the bars over the canvas and of the nodes.
      addNodeInView(store, flow, spec, { x: event.clientX, y: event.clientY })
    },
    [flow, store],
  )

  return (
    <CanvasActionsContext.Provider value={actions}>
      <div
        className="canvas"
        ref={pane}
        onDragOver={onDragOver}
        onDrop={onDrop}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        onBlur={onBlur}
      >
        <div
          className={`${TAB_STOP_CLASS} sr-only`}
          role="group"
          aria-label="Design canvas"
          // With no node there is nothing to enter on.
          tabIndex={design.nodes.length === 0 ? -1 : 0}
          onFocus={onStopFocus}
        />
        {initial && (
          <ReactFlow<CanvasNode, CanvasEdge>
            nodes={shownAll.nodes}
            edges={shownAll.edges}
            nodeTypes={NODE_TYPES}
            edgeTypes={EDGE_TYPES}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onConnectStart={onConnectStart}
            onConnectEnd={onConnectEnd}
            isValidConnection={isValidConnection}
            connectionMode={ConnectionMode.Loose}
            defaultViewport={initial.viewport}
            onMoveEnd={onMoveEnd}
            fitViewOptions={fit}
            snapToGrid
            snapGrid={SNAP}
            onlyRenderVisibleElements
            deleteKeyCode={null}
            multiSelectionKeyCode={MULTI_SELECT_KEYS}
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
            <Controls
              position="bottom-left"
              aria-label="Zoom controls"
              // Its lock froze dragging and connecting with no word why: a trap for newcomers.
              showInteractive={false}
              // The store's fit (fit.ts), as opening a design and Auto layout frame it: a design
              // too large for the pane starts at its left (its apps), not cut on both sides.
              showFitView={false}
            >
              <ControlButton
                className="react-flow__controls-fitview"
                title="Fit View"
                aria-label="Fit View"
                onClick={() => store.getState().requestFit()}
              >
                <Icon name="fit" />
              </ControlButton>
            </Controls>
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
        {design.nodes.length === 0 ? <EmptyCanvasHint /> : <ViewBar onBottom={setBar} />}
      </div>
    </CanvasActionsContext.Provider>
  )
}

/** The id of the node drawn under the pointer where a gesture ended, if any. */
function nodeUnder(event: MouseEvent | TouchEvent): string | undefined {
  const point = 'changedTouches' in event ? event.changedTouches[0] : event
  if (!point) return undefined
  const hit = document.elementFromPoint(point.clientX, point.clientY)
  return hit?.closest('.react-flow__node')?.getAttribute('data-id') ?? undefined
}

/** The neighbourhood the canvas focuses on, if its node still exists. */
function useNeighbourhood(design: Design, root: string | null): Neighbourhood | null {
  return useMemo(
    () =>
      root !== null && nodeById(design, root)
        ? neighbourhoodOf(design, analyze(design).index, root)
        : null,
    [design, root],
  )
}
