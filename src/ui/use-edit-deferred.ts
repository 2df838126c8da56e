import { useDeferredValue } from 'react'
import { useDesigner } from './store-context.tsx'

/**
 * `value`, deferred while the open document is edited (what an edit changes in the inspector and
 * the counts shows first; the canvas's lines and the problems list follow in a background render),
 * but at once when another document opens (New, Open, Import): its title, canvas, problems and
 * plan change together, never the new title over the old drawing. `initial` as useDeferredValue's.
 */
export function useEditDeferredValue<T>(value: T, initial?: T): T {
  const docId = useDesigner((s) => s.docId)
  const deferred = useDeferredValue(value, initial)
  const deferredDoc = useDeferredValue(docId)
  return deferredDoc === docId ? deferred : value
}
