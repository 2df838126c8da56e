import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { groupsOf } from '../../layout/groups.ts'
import type { Design, Position } from '../../model/types.ts'
import { analyze } from '../../store/derived.ts'
import type { EdgeDrawing } from '../../store/types.ts'
import { useDesigner } from '../store-context.tsx'
import { accessibleNames, findingsPhrase, scopePhrase, spoken } from '../a11y/names.ts'
import { nodeRect } from './drawing/geometry.ts'
import { placeSceneLabels, sceneOf, type PlacedLabel, type Scene } from './drawing/scene.ts'
import { groupBoxes } from './groups/group-boxes.ts'
import type { Segment } from './drawing/segments.ts'
import { fallbackPositions, type Detail, type EdgeLook, type Tone } from './flow-elements.ts'
import { labelMeasure } from './measure-text.ts'
import type { Neighbourhood } from './neighbourhood.ts'

/**
 * Label size by zoom: labels grow as the view zooms out so their 11 px text stays readable (over
 * 9 px on screen), in steps so that zooming re-places them only now and then.
 */
const LABEL_SCALES = [1, 1.25, 1.5, 1.75, 2, 2.5, 3]
export function labelScaleAt(zoom: number): number {
  const wanted = 0.85 / Math.max(zoom, 0.01)
  return LABEL_SCALES.find((s) => s >= wanted) ?? (LABEL_SCALES.at(-1) as number)
}

const NO_LABELS: ReadonlyMap<string, PlacedLabel> = new Map()

/**
 * The scene the canvas draws (lines, positions, placed labels) and how each line is dressed,
 * computed from the design and the view settings, never stored.
 */
export function useScene(
  design: Design,
  drawing: EdgeDrawing,
  neighbourhood: Neighbourhood | null,
  detail: Detail,
  scale: number,
  drag: ReadonlyMap<string, Position> | null,
): { scene: Scene; look: EdgeLook } {
  const fallback = useMemo(() => fallbackPositions(design), [design])
  const scene = useMemo(() => {
    const { index } = analyze(design)
    return sceneOf({
      design,
      index,
      drawing,
      fallback,
      ...(neighbourhood ? { include: (e) => neighbourhood.edges.has(e.id) } : {}),
    })
  }, [design, drawing, fallback, neighbourhood])
  const labelsWanted = detail !== 'far'
  const compactOnly = detail === 'mid'
  const collapsed = useCollapsedGroups(design, scene)
  // Findings and names per line change with the design only: a drag, which changes only where
  // labels go, finds them computed, and label placement reads each line's problems from here.
  const dress = useMemo(() => lineDress(design), [design])
  const labels = useMemo(() => {
    if (!labelsWanted) return NO_LABELS
    const analysis = analyze(design)
    return placeSceneLabels({
      scene,
      index: analysis.index,
      nodes: neighbourhood ? [...neighbourhood.nodes] : design.nodes.map((n) => n.id),
      problems: dress.problems,
      measure: labelMeasure(),
      scale,
      compactOnly,
      pins: true,
      ...(collapsed ? { collapsed } : {}),
    })
  }, [design, scene, labelsWanted, compactOnly, scale, neighbourhood, collapsed, dress])
  const look = useMemo(() => edgeLook(design, labels, drag, dress), [design, labels, drag, dress])
  return { scene, look }
}

type LineDress = Pick<EdgeLook, 'tone' | 'problems' | 'label'>

/** Each line's findings and accessible name for one version of the design, computed once a line. */
function lineDress(design: Design): LineDress {
  const names = accessibleNames(design)
  const once = <T>(of: (s: Segment) => T): ((s: Segment) => T) => {
    const known = new WeakMap<Segment, T>()
    return (s) => {
      if (known.has(s)) return known.get(s) as T
      const value = of(s)
      known.set(s, value)
      return value
    }
  }
  return {
    tone: once((s) => toneOf(design, s)),
    problems: once((s) => problemsOf(design, s)),
    // A line through an identity is named by its ends, as drawn; any other by its design edge.
    label: once((s) =>
      s.kind === 'access' && s.way === 'identity'
        ? bundleName(design, s)
        : names.edge(s.members[0]?.id ?? ''),
    ),
  }
}

/** How each line is dressed: findings, accessible name, its placed label. */
export function edgeLook(
  design: Design,
  labels: ReadonlyMap<string, PlacedLabel>,
  drag: ReadonlyMap<string, Position> | null,
  dress: LineDress = lineDress(design),
): EdgeLook {
  const moving = drag ? new Set(drag.keys()) : undefined
  return {
    ...dress,
    // A line whose end is being dragged drops its label until the drop re-places it.
    placed: (s) =>
      moving && (moving.has(s.source) || moving.has(s.target)) ? undefined : labels.get(s.id),
  }
}

function toneOf(design: Design, segment: Segment): Tone {
  const { bySubject } = analyze(design)
  let tone: Tone = ''
  for (const m of segment.members) {
    const list = bySubject.get(m.id)
    if (!list) continue
    if (list.some((f) => f.severity === 'error')) return 'has-error'
    if (list.some((f) => f.severity === 'warning')) tone = 'has-warning'
  }
  return tone
}

/** Errors and warnings on the design edges a line stands for. */
export function problemsOf(design: Design, segment: Segment): number {
  const { bySubject } = analyze(design)
  let n = 0
  for (const m of segment.members)
    for (const f of bySubject.get(m.id) ?? []) if (f.severity !== 'info') n++
  return n
}

/** "Access through mi-storage to contosoassets for contoso-web-1, contoso-web-2: Storage Blob Data Contributor" */
function bundleName(design: Design, segment: Segment): string {
  if (segment.kind !== 'access') return segment.id
  const { index, bySubject } = analyze(design)
  const name = (id: string): string => spoken(index.node(id)?.name ?? id)
  const apps = [...new Set(segment.members.map((m) => name(m.source)))]
  const roles = segment.roles.map((r) => `${r.role}${scopePhrase(r.scope)}`)
  const counts = { error: 0, warning: 0, info: 0 }
  for (const m of segment.members) for (const f of bySubject.get(m.id) ?? []) counts[f.severity]++
  return `Access through ${name(segment.source)} to ${name(segment.target)} for ${apps.join(', ')}: ${roles.join(', ')}${findingsPhrase(counts)}`
}

/** The members collapsed groups hide and their cards' boxes (groups/group-flow.ts draws them). */
function useCollapsedGroups(design: Design, scene: Scene) {
  const { grouping, collapsedGroups } = useDesigner(
    useShallow((s) => ({ grouping: s.grouping, collapsedGroups: s.collapsedGroups })),
  )
  return useMemo(() => {
    if (grouping === 'none' || collapsedGroups.length === 0) return undefined
    const boxes = groupBoxes(groupsOf(design, grouping), scene.positionOf, new Set(collapsedGroups))
    const hidden = new Set(boxes.flatMap((b) => (b.collapsed ? b.members : [])))
    if (hidden.size === 0) return undefined
    const cards = boxes.flatMap((b) => (b.collapsed ? [nodeRect(b.card)] : []))
    return { hidden, cards }
  }, [design, scene, grouping, collapsedGroups])
}
