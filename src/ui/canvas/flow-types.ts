import { AccessEdge, AttachEdge } from './design-edges.tsx'
import { DesignNodeComponent } from './design-node.tsx'
import { GroupLinkEdge } from './groups/group-link-edge.tsx'
import { GroupBoxNode, GroupCardNode } from './groups/group-nodes.tsx'

/** Node and edge types at module scope: React Flow re-mounts every node when these objects change. */
export const NODE_TYPES = {
  app: DesignNodeComponent,
  identity: DesignNodeComponent,
  service: DesignNodeComponent,
  developer: DesignNodeComponent,
  'group-box': GroupBoxNode,
  'group-card': GroupCardNode,
}

export const EDGE_TYPES = { attach: AttachEdge, access: AccessEdge, 'group-link': GroupLinkEdge }
