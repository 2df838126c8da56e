import type { CloudName } from '../catalog/clouds.ts'
import type { Language } from '../guide/types.ts'
import type { Grouping } from '../layout/groups.ts'
import type { EdgeDrawing } from '../layout/parts.ts'
import type { Edit } from '../model/edits.ts'
import type { Design, EdgeFields, NodeFields, Position } from '../model/types.ts'
import type { Fix } from '../rules/types.ts'
import type { ClipboardData } from './clipboard.ts'
import type { NewNodeSpec } from './node-factory.ts'

export interface Selection {
  readonly nodes: readonly string[]
  readonly edges: readonly string[]
}

export interface Size {
  readonly width: number
  readonly height: number
}

export interface Viewport {
  readonly x: number
  readonly y: number
  readonly zoom: number
}

export type PanelTab = 'problems' | 'plan' | 'guide'

/** The two views of the design in the centre: the diagram, or the outline (a tree). */
export type CenterView = 'canvas' | 'outline'

export type { EdgeDrawing, Grouping }

/** A message for the user: a toast, or an alert with details (e.g. every problem of a file). */
export interface Notice {
  readonly id: number
  readonly tone: 'info' | 'success' | 'warning' | 'error'
  readonly title: string
  readonly details?: readonly string[]
  /** Says "Ctrl+Z to undo" of an edit: an undo takes it away with the edit. */
  readonly undoable?: boolean
}

export type SaveState = 'idle' | 'saving' | 'saved' | 'error'

/** The document: the only part undo/redo tracks. */
export interface DocumentSlice {
  readonly design: Design
  /** Identifies this document for autosave, recent designs and other tabs; not tracked by undo. */
  readonly docId: string
  /** Applies edits as one undo step; on refusal shows why and returns false. */
  commit(edits: readonly Edit[], what?: string): boolean
  addNode(spec: NewNodeSpec, position: Position): string | undefined
  connect(from: string, to: string): boolean
  updateNode(id: string, set: NodeFields): boolean
  updateEdge(id: string, set: EdgeFields): boolean
  renameDesign(name: string): boolean
  /** Sets a node's `group` tag (an unknown field of the file format); empty removes it. */
  setNodeGroup(id: string, group: string): boolean
  moveNodes(positions: ReadonlyMap<string, Position>): void
  removeSelection(): void
  applyFix(fix: Fix): boolean
  /**
   * Optimize's edits as one step; with `laidOut` (Auto layout of the optimized design), every
   * node moved where it has it, in the same step.
   */
  applyOptimize(edits: readonly Edit[], laidOut?: ReadonlyMap<string, Position>): boolean
  copySelection(): void
  /** Pastes the clipboard as one step and selects the copies; returns their ids (none if refused). */
  paste(): readonly string[]
  /** Replaces the document (New, Open, a template, a share link): starts a fresh history. */
  loadDesign(design: Design, options?: { docId?: string; viewport?: Viewport }): void
  undo(): void
  redo(): void
}

/** Everything else: never an undo step. */
export interface ViewSlice {
  readonly selection: Selection
  readonly viewport: Viewport
  /** Positions of nodes being dragged; committed as one `moveNodes` on drop. */
  readonly drag: ReadonlyMap<string, Position> | null
  /**
   * Node sizes React Flow measured. It needs them on every node object it is handed anew, but it
   * already holds them for unchanged nodes: so they are noted in place, without a state change
   * (which would re-render the canvas once per measurement batch of a large design).
   */
  readonly measured: ReadonlyMap<string, Size>
  readonly notice: Notice | null
  readonly panel: PanelTab
  readonly centerView: CenterView
  readonly edgeDrawing: EdgeDrawing
  /** Boxes around nodes that belong together (src/layout/groups.ts); persisted with the view. */
  readonly grouping: Grouping
  /** Ids of the groups drawn collapsed (one card for their members); persisted with the view. */
  readonly collapsedGroups: readonly string[]
  /** The node whose neighbourhood alone the canvas shows ("focus"), or null for the whole design. */
  readonly neighbourhood: string | null
  /**
   * The nodes focused before `neighbourhood`, oldest first, each a step back in the view bar's
   * breadcrumb (at most FOCUS_TRAIL_LENGTH); empty when the whole design is shown.
   */
  readonly focusTrail: readonly string[]
  /**
   * Asks the canvas to show a viewport, or to fit the design when none is given: a new focus's
   * fit names its node (`around`: framed so that names can be read, fit.ts FOCUS_MIN_ZOOM).
   */
  readonly viewCommand: {
    readonly seq: number
    readonly viewport?: Viewport
    readonly around?: string
  }
  /** A node or edge the canvas should bring into view (from the problems panel). */
  readonly focusRequest: { readonly id: string; readonly seq: number } | null
  readonly clipboard: ClipboardData | null
  readonly saveState: SaveState
  readonly savedAt: number | null
  /** Another tab is editing this same document. */
  readonly otherTab: boolean
  /** The connection guide's language and cloud; persisted with the view. */
  readonly guideView: GuideView
  select(selection: Selection): void
  focus(id: string): void
  setViewport(viewport: Viewport): void
  setDrag(drag: ReadonlyMap<string, Position> | null): void
  noteMeasured(sizes: readonly { readonly id: string; readonly size: Size }[]): void
  notify(notice: Omit<Notice, 'id'>): void
  dismissNotice(): void
  setPanel(panel: PanelTab): void
  setCenterView(view: CenterView): void
  setEdgeDrawing(drawing: EdgeDrawing): void
  setGrouping(grouping: Grouping): void
  setGroupCollapsed(id: string, collapsed: boolean): void
  /**
   * Shows only a node's neighbourhood (null: the whole design again), framed. From another focus,
   * that one becomes a step back (see focusTrail); a node of the trail is gone back to.
   */
  showNeighbourhood(id: string | null): void
  requestFit(): void
  requestViewport(viewport: Viewport): void
  setSaveState(state: SaveState, at?: number): void
  setOtherTab(other: boolean): void
  setGuideView(view: Partial<GuideView>): void
}

/** How the connection guide is shown: the language of its code and the cloud it is written for. */
export interface GuideView {
  readonly language: Language
  readonly cloud: CloudName
}

export type DesignerState = DocumentSlice & ViewSlice

export type SetState = (
  partial: Partial<DesignerState> | ((state: DesignerState) => Partial<DesignerState>),
) => void
export type GetState = () => DesignerState
