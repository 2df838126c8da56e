import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type FinalConnectionState,
  type IsValidConnection,
  type Node,
} from '@xyflow/react'
import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { SERVICES } from '../../catalog/services.ts'
import { planConnection } from '../../model/connect.ts'
import { applyEdgeChanges, applyNodeChanges } from '../../store/flow-changes.ts'
import { GRID } from '../../store/node-factory.ts'
import { useDesigner, useStoreApi } from '../store-context.tsx'
import { EDGE_TYPES, NODE_TYPES } from './flow-types.ts'
import { FlowElementCache, type FlowEdge, type FlowNode } from './flow-elements.ts'
import { PALETTE_MIME, readPaletteDrag } from './palette-drag.ts'
import { EmptyCanvasHint } from './empty-hint.tsx'

const FACTS = { defaultRole: (s: keyof typeof SERVICES) => SERVICES[s].defaultRole }
const SNAP: [number, number] = [GRID, GRID]
const MINIMAP_SIZE = { width: 150, height: 100 }
/** Fitting keeps clear of the zoom controls (left) and the minimap (bottom right). */
const FIT = {
  padding: { top: '30px', left: '56px', bottom: '30px', right: '170px' },
  maxZoom: 1.1,
} as const
const MINIMAP_COLORS: Record<string, string> = {
  app: 'var(--kind-app)',
  identity: 'var(--kind-identity)',
  service: 'var(--kind-service)',
  developer: 'var(--kind-developer)',
}
const minimapColor = (node: Node): string => MINIMAP_COLORS[node.type ?? ''] ?? 'gray'

/** The React Flow canvas over the store: controlled nodes and edges, built from the design. */
export function Canvas() {
  const store = useStoreApi()
  const flow = useReactFlow<FlowNode, FlowEdge>()
  const [cache] = useState(() => new FlowElementCache())
  const { design, selection, measured, drag } = useDesigner(
    useShallow((s) => ({
      design: s.design,
      selection: s.selection,
      measured: s.measured,
      drag: s.drag,
    })),
  )
  const nodes = useMemo(
    () => cache.buildNodes(design, selection, measured, drag),
    [cache, design, selection, measured, drag],
  )
  const edges = useMemo(() => cache.buildEdges(design, selection), [cache, design, selection])
  useViewCommands(flow)

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
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop}>
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
        defaultViewport={store.getState().viewport}
        onMoveEnd={(_, viewport) => store.getState().setViewport(viewport)}
        fitViewOptions={FIT}
        snapToGrid
        snapGrid={SNAP}
        onlyRenderVisibleElements
        deleteKeyCode={null}
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        selectionKeyCode="Shift"
        colorMode="system"
        minZoom={0.1}
        maxZoom={2}
        aria-label="Design canvas"
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.2} />
        <Controls position="bottom-left" aria-label="Zoom controls" fitViewOptions={FIT} />
        <MiniMap
          position="bottom-right"
          pannable
          zoomable
          nodeColor={minimapColor}
          nodeStrokeWidth={0}
          ariaLabel="Mini map"
          style={MINIMAP_SIZE}
        />
      </ReactFlow>
      {design.nodes.length === 0 && <EmptyCanvasHint />}
    </div>
  )
}

/** Applies the store's view commands: fit the design, show a saved viewport, focus an item. */
function useViewCommands(flow: ReturnType<typeof useReactFlow<FlowNode, FlowEdge>>) {
  const command = useDesigner((s) => s.viewCommand)
  const focus = useDesigner((s) => s.focusRequest)
  const store = useStoreApi()
  useEffect(() => {
    if (command.seq === 0) return
    // Wait a frame so React Flow has the new nodes before it fits them.
    const handle = requestAnimationFrame(() => {
      if (command.viewport) void flow.setViewport(command.viewport)
      else void flow.fitView({ ...FIT, duration: 200 })
    })
    return () => cancelAnimationFrame(handle)
  }, [command, flow])
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
    void flow.setCenter(x, y, { zoom: Math.max(flow.getZoom(), 0.9), duration: 250 })
  }, [focus, flow, store])
}
