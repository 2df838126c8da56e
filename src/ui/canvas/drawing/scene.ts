import type { ModelIndex, Unresolved } from '../../../model/queries.ts'
import type { Design, DesignEdge, Position } from '../../../model/types.ts'
import { curve, inPoint, nodeRect, outPoint, type Curve, type Rect } from './geometry.ts'
import { placeLabels, type LabelAsk, type LabelSpot } from './label-placement.ts'
import {
  compactSize,
  fullSize,
  labelText,
  PIN_SIZE,
  type LabelText,
  type Measure,
  type Size,
} from './label-text.ts'
import {
  drawEdges,
  type AccessSegment,
  type Drawing,
  type EdgeDrawing,
  type Segment,
} from './segments.ts'

/** A placed label: what it says, where it sits, and the size it was placed at (a zoom factor). */
export interface PlacedLabel {
  readonly text: LabelText
  readonly spot: LabelSpot
  readonly scale: number
}

/**
 * Everything drawn for a design, computed (never stored) from the design alone: the lines, each
 * node's position, and each access line's label placed clear of nodes and other labels. The
 * canvas and the SVG export draw the same scene.
 */
export interface Scene {
  readonly drawing: Drawing
  readonly positionOf: (id: string) => Position
  readonly curveOf: (segment: Segment) => Curve
}

export interface SceneInput {
  readonly design: Design
  readonly index: Pick<ModelIndex, 'resolve' | 'node'>
  readonly drawing: EdgeDrawing
  /** Where nodes without a stored position are drawn. */
  readonly fallback: ReadonlyMap<string, Position>
  /** The edges to draw (focus shows a neighbourhood); all when absent. */
  readonly include?: (edge: DesignEdge) => boolean
}

export function sceneOf(input: SceneInput): Scene {
  const drawing = drawEdges(input.design, input.index, input.drawing, input.include)
  // Positions come from this design, never from the index: the designer's index is kept across
  // versions that differ only in positions (store/derived.ts), so its nodes may sit where they were.
  const positions = new Map<string, Position>()
  for (const n of input.design.nodes) if (n.position) positions.set(n.id, n.position)
  const positionOf = (id: string): Position =>
    positions.get(id) ?? input.fallback.get(id) ?? { x: 0, y: 0 }
  return {
    drawing,
    positionOf,
    curveOf: (s) => curve(outPoint(positionOf(s.source)), inPoint(positionOf(s.target))),
  }
}

const UNRESOLVED_NOTE: Record<Unresolved, string> = {
  noIdentity: 'no identity',
  ambiguous: 'no identity chosen',
  notOnApp: 'identity not on the app',
}

export interface LabelInput {
  readonly scene: Scene
  readonly index: Pick<ModelIndex, 'resolve' | 'node'>
  /** The nodes drawn (their boxes are what labels keep clear of). */
  readonly nodes: readonly string[]
  /**
   * Collapsed groups: their members are not drawn (their lines go to the group's card, and carry
   * no label), and each card is kept clear of as a node is.
   */
  readonly collapsed?: {
    readonly hidden: Pick<ReadonlySet<string>, 'has'>
    readonly cards: readonly Rect[]
  }
  /** Errors and warnings of the design edges a line stands for. */
  readonly problems: (segment: Segment) => number
  readonly measure: Measure
  /** Labels are drawn this many times their natural size (readable when zoomed out). */
  readonly scale: number
  /** Zoomed out: every label compact ("3 roles"), in full on hover. */
  readonly compactOnly: boolean
  /**
   * Whether a label with no room for its compact form shrinks to a pin (PIN_SIZE) that shows its
   * roles on hover: on the canvas; a picture, which has no hover, keeps it compact unless its
   * `sizes` give a pin of its own (the SVG export's numbered key).
   */
  readonly pins: boolean
  /**
   * The sizes a label is placed at, in full, compact and pin form, at scale 1: a picture (the SVG
   * export) draws its labels otherwise than the canvas. The canvas's sizes when absent.
   */
  readonly sizes?: (text: LabelText, segment: AccessSegment) => LabelSizes
}

export interface LabelSizes {
  readonly full: Size
  readonly compact: Size
  readonly pin: Size
}

/** The label of every access line, placed. */
export function placeSceneLabels(input: LabelInput): Map<string, PlacedLabel> {
  const { scene, index, scale } = input
  const texts = new Map<string, LabelText>()
  const asks: LabelAsk[] = []
  const hidden = input.collapsed?.hidden
  for (const segment of scene.drawing.segments) {
    if (segment.kind !== 'access') continue
    if (hidden && (hidden.has(segment.source) || hidden.has(segment.target))) continue
    const first = segment.members[0]
    const resolution = first ? index.resolve(first) : undefined
    const note =
      resolution && !resolution.resolved
        ? UNRESOLVED_NOTE[resolution.reason]
        : UNRESOLVED_NOTE.noIdentity
    const text = labelText(
      segment,
      (id) => index.node(id)?.name ?? id,
      note,
      input.problems(segment),
    )
    texts.set(segment.id, text)
    const sizes = input.sizes?.(text, segment)
    const full = sizes?.full ?? fullSize(text, input.measure)
    const compact = sizes?.compact ?? compactSize(text, input.measure)
    const pin = input.pins ? (sizes?.pin ?? PIN_SIZE) : compact
    asks.push({
      id: segment.id,
      curve: scene.curveOf(segment),
      full: input.compactOnly
        ? undefined
        : { width: full.width * scale, height: full.height * scale },
      compact: { width: compact.width * scale, height: compact.height * scale },
      pin: { width: pin.width * scale, height: pin.height * scale },
    })
  }
  const obstacles = (hidden ? input.nodes.filter((id) => !hidden.has(id)) : input.nodes).map((id) =>
    nodeRect(scene.positionOf(id)),
  )
  const spots = placeLabels([...obstacles, ...(input.collapsed?.cards ?? [])], asks)
  const out = new Map<string, PlacedLabel>()
  for (const [id, spot] of spots) {
    const text = texts.get(id)
    if (text) out.set(id, { text, spot, scale })
  }
  return out
}
