import { AccessEdge, AttachEdge } from './design-edges.tsx'
import { DesignNodeComponent } from './design-node.tsx'

/** Node and edge types at module scope: React Flow re-mounts every node when these objects change. */
export const NODE_TYPES = {
  app: DesignNodeComponent,
  identity: DesignNodeComponent,
  service: DesignNodeComponent,
  developer: DesignNodeComponent,
}

export const EDGE_TYPES = { attach: AttachEdge, access: AccessEdge }
