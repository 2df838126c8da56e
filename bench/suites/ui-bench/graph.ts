import type { HostingKind, ServiceKind } from '../../../src/model/kinds.ts'
import { SERVICES } from '../../../src/catalog/services.ts'
import type { Design, DesignEdge, DesignNode } from '../../../src/model/types.ts'
import { analyze } from '../../../src/store/derived.ts'
import { accessibleNames } from '../../../src/ui/a11y/names.ts'
import { roughMeasure } from '../../../src/ui/canvas/drawing/label-text.ts'
import { placeSceneLabels, sceneOf } from '../../../src/ui/canvas/drawing/scene.ts'
import {
  fallbackPositions,
  type EdgeInput,
  type NodeInput,
} from '../../../src/ui/canvas/flow-elements.ts'
import { nodeDress } from '../../../src/ui/canvas/tones.ts'
import { edgeLook, labelScaleAt, problemsOf } from '../../../src/ui/canvas/use-scene.ts'

const HOSTINGS: HostingKind[] = ['appService', 'functionApp', 'containerApp', 'virtualMachine']
const KINDS: ServiceKind[] = [
  'storage',
  'keyVault',
  'serviceBus',
  'cosmosDb',
  'sql',
  'appConfiguration',
]

/**
 * The canvas benchmark's design: exactly 1,000 nodes (500 apps, 100 identities, 300 services,
 * 100 developers) and 3,000 edges (500 attach, 2,500 access), laid out in layered blocks the way
 * auto layout would, deterministic (no randomness).
 */
export function benchDesign(): Design {
  const nodes: DesignNode[] = []
  const edges: DesignEdge[] = []
  const block = (column: number, i: number, perColumn: number) => ({
    x: column * 1400 + Math.floor(i / perColumn) * 260,
    y: (i % perColumn) * 120,
  })
  for (let i = 0; i < 100; i++)
    nodes.push({
      id: `dev${i}`,
      kind: 'developer',
      name: `developers-${i}`,
      principal: 'group',
      position: block(0, i, 50),
    })
  for (let i = 0; i < 500; i++)
    nodes.push({
      id: `app${i}`,
      kind: 'app',
      name: `app-${i}`,
      hosting: HOSTINGS[i % HOSTINGS.length] as HostingKind,
      systemAssigned: i % 3 === 0,
      position: block(1, i, 100),
    })
  for (let i = 0; i < 100; i++)
    nodes.push({
      id: `mi${i}`,
      kind: 'identity',
      name: `id-shared-${i}`,
      position: block(3, i, 100),
    })
  for (let i = 0; i < 300; i++) {
    const service = KINDS[i % KINDS.length] as ServiceKind
    nodes.push({
      id: `svc${i}`,
      kind: 'service',
      name: `svc-${i}`,
      service,
      position: block(4, i, 100),
    })
  }
  for (let i = 0; i < 500; i++) {
    const identity = `mi${Math.floor(i / 5)}`
    edges.push({ id: `a${i}`, kind: 'attach', source: `app${i}`, target: identity })
    for (let k = 0; k < 5; k++) {
      const s = (i * 3 + k * 7) % 300
      const service = KINDS[s % KINDS.length] as ServiceKind
      edges.push({
        id: `e${i}-${k}`,
        kind: 'access',
        source: `app${i}`,
        target: `svc${s}`,
        roles: [SERVICES[service].defaultRole],
        via: k === 0 && i % 3 === 0 ? 'system' : identity,
      })
    }
  }
  return { name: 'Canvas benchmark (1,000 nodes, 3,000 edges)', nodes, edges }
}

/**
 * What the bare page draws: each node and line with everything the designer's components draw
 * them with (findings, names, placed labels at the label size of zoom 1), computed here once so
 * the page itself only hands them to React Flow. Labels are sized by estimate (no canvas here to
 * measure text with): the same labels as the designer's, give or take a compact one.
 */
export interface BareGraph {
  readonly nodes: readonly Omit<NodeInput, 'detail' | 'selected' | 'measured'>[]
  readonly edges: readonly Omit<EdgeInput, 'detail' | 'selected'>[]
}

export function bareGraph(design: Design): BareGraph {
  const { index } = analyze(design)
  const fallback = fallbackPositions(design)
  const scene = sceneOf({ design, index, drawing: 'bundled', fallback })
  const labels = placeSceneLabels({
    scene,
    index,
    nodes: design.nodes.map((n) => n.id),
    problems: (s) => problemsOf(design, s),
    measure: roughMeasure,
    scale: labelScaleAt(1),
    compactOnly: false,
    pins: true,
  })
  const dress = nodeDress(design, accessibleNames(design).node)
  const look = edgeLook(design, labels, null)
  return {
    nodes: design.nodes.map((source) => ({
      source,
      label: dress.label(source.id),
      tone: dress.tone(source.id),
      counts: dress.counts(source.id),
      uses: dress.uses(source),
      position: source.position ?? fallback.get(source.id) ?? { x: 0, y: 0 },
    })),
    edges: scene.drawing.segments.map((segment) => ({
      segment,
      label: look.label(segment),
      tone: look.tone(segment),
      problems: look.problems(segment),
      placed: look.placed(segment),
    })),
  }
}
