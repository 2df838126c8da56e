import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { groupsOf } from '../../../layout/groups.ts'
import type { Design } from '../../../model/types.ts'
import { useDesigner } from '../../store-context.tsx'
import { nodeById } from '../lookups.ts'
import type { FlowEdge, FlowNode } from '../flow-elements.ts'
import { groupLayer } from './group-flow.ts'

/** The canvas's nodes and lines with the groups of the view setting drawn (group-flow.ts). */
export function useGroupLayer(design: Design, nodes: FlowNode[], edges: FlowEdge[]) {
  const { grouping, collapsed, selected } = useDesigner(
    useShallow((s) => ({
      grouping: s.grouping,
      collapsed: s.collapsedGroups,
      selected: s.selection.edges,
    })),
  )
  const groups = useMemo(() => groupsOf(design, grouping), [design, grouping])
  return useMemo(
    () =>
      groupLayer(
        groups,
        nodes,
        edges,
        new Set(collapsed),
        (id) => nodeById(design, id)?.name ?? id,
        new Set(selected),
      ),
    [groups, nodes, edges, collapsed, design, selected],
  )
}
