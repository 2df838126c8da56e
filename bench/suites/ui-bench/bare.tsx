import '@xyflow/react/dist/style.css'
import { ReactFlow, type Edge, type Node } from '@xyflow/react'
import { createRoot } from 'react-dom/client'

/**
 * The baseline of the canvas benchmark: the same graph in a bare React Flow canvas with default
 * nodes and edges, uncontrolled, with the same viewport culling and fit as the designer. The graph
 * is built into the page (as the designer's comes in its link), not fetched: a fetch would count
 * in the baseline's first render and flatter the designer.
 */
interface Graph {
  nodes: { id: string; name: string; position: { x: number; y: number } }[]
  edges: { id: string; source: string; target: string }[]
}

declare const __GRAPH__: Graph
const graph = __GRAPH__
const nodes: Node[] = graph.nodes.map((n) => ({
  id: n.id,
  position: n.position,
  data: { label: n.name },
}))
const edges: Edge[] = graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target }))
const root = document.getElementById('root')
if (root)
  createRoot(root).render(
    <ReactFlow
      defaultNodes={nodes}
      defaultEdges={edges}
      fitView
      onlyRenderVisibleElements
      minZoom={0.1}
    />,
  )
