import type { HostingKind, NodeKind, ServiceKind } from '../model/kinds.ts'
import type { GlyphName } from './icons.tsx'

/** Which icon stands for each hosting kind, service kind and node kind. */
export const HOSTING_GLYPH: Record<HostingKind, GlyphName> = {
  appService: 'app',
  functionApp: 'bolt',
  containerApp: 'box',
  aksWorkload: 'helm',
  virtualMachine: 'monitor',
  vmScaleSet: 'monitors',
  springApp: 'leaf',
  logicApp: 'flow',
  containerInstance: 'cube',
}

export const SERVICE_GLYPH: Record<ServiceKind, GlyphName> = {
  storage: 'storage',
  keyVault: 'vault',
  serviceBus: 'queue',
  eventHubs: 'stream',
  eventGrid: 'grid',
  cosmosDb: 'planet',
  sql: 'database',
  appConfiguration: 'sliders',
  containerRegistry: 'registry',
  openAI: 'sparkle',
  search: 'search',
  signalR: 'signal',
  postgresql: 'database',
  mysql: 'database',
  redis: 'stream',
}

export const KIND_GLYPH: Record<NodeKind, GlyphName> = {
  app: 'app',
  identity: 'identity',
  service: 'storage',
  developer: 'people',
}
