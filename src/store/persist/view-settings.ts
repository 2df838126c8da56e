import { CLOUD_NAMES, type CloudName } from '../../catalog/clouds.ts'
import { LANGUAGES, type Language } from '../../guide/types.ts'
import { GROUPINGS, type Grouping } from '../../layout/groups.ts'
import type { KeyValueStorage } from '../../lib/key-value-storage.ts'
import type { DesignerStore } from '../create-store.ts'
import type { DesignerState, EdgeDrawing, GuideView } from '../types.ts'

/** How the canvas draws the design, kept across reloads (never part of the design file). */
export interface ViewSettings {
  readonly edgeDrawing: EdgeDrawing
  readonly grouping: Grouping
  readonly collapsedGroups: readonly string[]
  readonly guideView: GuideView
}

export const VIEW_SETTINGS_KEY = 'view-settings'
/** More collapsed groups than this are not kept (a stored value is never trusted to be small). */
const COLLAPSED_LIMIT = 1000

const DRAWINGS: readonly EdgeDrawing[] = ['bundled', 'direct']

/** What storage held, checked field by field: anything odd is left at the store's default. */
export function readViewSettings(saved: unknown): Partial<ViewSettings> {
  if (typeof saved !== 'object' || saved === null) return {}
  const s = saved as Partial<Record<keyof ViewSettings, unknown>>
  const collapsed = Array.isArray(s.collapsedGroups)
    ? s.collapsedGroups.filter((g): g is string => typeof g === 'string').slice(0, COLLAPSED_LIMIT)
    : undefined
  const guide = readGuideView(s.guideView)
  return {
    ...(guide ? { guideView: guide } : {}),
    ...(DRAWINGS.includes(s.edgeDrawing as EdgeDrawing)
      ? { edgeDrawing: s.edgeDrawing as EdgeDrawing }
      : {}),
    ...(GROUPINGS.includes(s.grouping as Grouping) ? { grouping: s.grouping as Grouping } : {}),
    ...(collapsed ? { collapsedGroups: collapsed } : {}),
  }
}

/** The guide's language and cloud, when storage held a known one of each. */
function readGuideView(saved: unknown): GuideView | undefined {
  if (typeof saved !== 'object' || saved === null) return undefined
  const { language, cloud } = saved as Partial<Record<keyof GuideView, unknown>>
  return LANGUAGES.includes(language as Language) && CLOUD_NAMES.includes(cloud as CloudName)
    ? { language: language as Language, cloud: cloud as CloudName }
    : undefined
}

const settingsOf = (s: DesignerState): ViewSettings => ({
  edgeDrawing: s.edgeDrawing,
  grouping: s.grouping,
  collapsedGroups: s.collapsedGroups,
  guideView: s.guideView,
})

/**
 * Restores the view settings, then writes them back on every change. A storage that fails
 * leaves the defaults: the view settings are a convenience, never worth an error.
 */
export async function persistViewSettings(
  store: DesignerStore,
  storage: KeyValueStorage,
): Promise<() => void> {
  const saved = await storage.get(VIEW_SETTINGS_KEY).catch(() => undefined)
  store.setState(readViewSettings(saved))
  return store.subscribe((state, previous) => {
    if (
      state.edgeDrawing === previous.edgeDrawing &&
      state.grouping === previous.grouping &&
      state.collapsedGroups === previous.collapsedGroups &&
      state.guideView === previous.guideView
    )
      return
    void storage.set(VIEW_SETTINGS_KEY, settingsOf(state)).catch(() => undefined)
  })
}
