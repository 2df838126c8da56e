import '@xyflow/react/dist/style.css'
import '../../../src/ui/styles/theme.css'
import '../../../src/ui/styles/canvas.css'
import {
  Background,
  BackgroundVariant,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  useNodesState,
  useStore,
  type ReactFlowState,
} from '@xyflow/react'
import { useEffect, useMemo } from 'react'
import { createRoot } from 'react-dom/client'
import { CanvasActionsContext, type CanvasActions } from '../../../src/ui/canvas/canvas-actions.ts'
import {
  detailAt,
  flowEdge,
  flowNode,
  type Detail,
  type FlowEdge,
  type FlowNode,
} from '../../../src/ui/canvas/flow-elements.ts'
import { EDGE_TYPES, NODE_TYPES } from '../../../src/ui/canvas/flow-types.ts'
import { GRID } from '../../../src/store/node-factory.ts'
import type { BareGraph } from './graph.ts'

/**
 * The baseline of the canvas benchmark: the same graph drawn by bare React Flow with the
 * designer's own node and edge components, fed their data directly (no store, no rules, no scene
 * computed in the page), with the same level of detail by zoom, culling and viewport. The graph is
 * built into the page (as the designer's comes from its saved session), never fetched. The page's
 * query gives the viewport and the size of the designer's canvas pane (`?x=&y=&zoom=&w=&h=`).
 */
declare const __GRAPH__: string
const graph = JSON.parse(__GRAPH__) as BareGraph
const query = new URLSearchParams(location.search)
const number = (key: string, fallback: number): number => Number(query.get(key) ?? fallback)
const viewport = { x: number('x', 0), y: number('y', 0), zoom: number('zoom', 1) }
const size = { width: number('w', innerWidth), height: number('h', innerHeight) }
const NO_ACTIONS: CanvasActions = { setSystemAssigned: () => {}, selectEdges: () => {} }
const detailOf = (s: ReactFlowState): Detail => detailAt(s.transform[2])

const nodesAt = (detail: Detail): FlowNode[] =>
  graph.nodes.map((n) => flowNode({ ...n, detail, selected: false, measured: undefined }))

export function Bare() {
  const detail = useStore(detailOf)
  const [nodes, setNodes, onNodesChange] = useNodesState(nodesAt(detailAt(viewport.zoom)))
  useEffect(() => {
    setNodes((current) =>
      current.every((n) => n.data.detail === detail)
        ? current
        : current.map((n) => ({ ...n, data: { ...n.data, detail } })),
    )
  }, [detail, setNodes])
  const edges = useMemo(
    (): FlowEdge[] => graph.edges.map((e) => flowEdge({ ...e, detail, selected: false })),
    [detail],
  )
  return (
    <ReactFlow<FlowNode, FlowEdge>
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      edgeTypes={EDGE_TYPES}
      onNodesChange={onNodesChange}
      defaultViewport={viewport}
      onlyRenderVisibleElements
      minZoom={0.1}
      maxZoom={2}
    >
      {detail !== 'far' && <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.2} />}
      <Controls position="bottom-left" />
    </ReactFlow>
  )
}

const root = document.getElementById('root')
if (root) {
  root.style.width = `${size.width}px`
  root.style.height = `${size.height}px`
  createRoot(root).render(
    <CanvasActionsContext.Provider value={NO_ACTIONS}>
      <ReactFlowProvider>
        <Bare />
      </ReactFlowProvider>
    </CanvasActionsContext.Provider>,
  )
}
