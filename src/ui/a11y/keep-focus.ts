import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react'

const ITEM = '[data-focus-item]'

/**
 * Keeps the keyboard inside a region when what it shows changes under the focus: Connect selects
 * the new connection, a quick fix removes its finding, Bind moves the Apply dialog on. The control
 * that had the focus is gone, so instead of dropping to the page, the focus goes to the item now
 * at the old item's place (elements marked `data-focus-item`), or else to `fallback()`.
 * `triggers` are what change when the content is replaced (React effect dependencies).
 */
export function useKeepFocus<T extends HTMLElement>(
  triggers: readonly unknown[],
  fallback: () => HTMLElement | null | undefined,
): RefObject<T | null> {
  const region = useRef<T>(null)
  // The region's control that has (or last had) the focus, and its item's place.
  const holder = useRef<{ element: Element; item: number } | null>(null)
  useEffect(() => {
    const el = region.current
    if (!el) return
    const onIn = (event: FocusEvent): void => {
      const target = event.target as Element
      const item = target.closest(ITEM)
      holder.current = {
        element: target,
        item: item ? [...el.querySelectorAll(ITEM)].indexOf(item) : -1,
      }
    }
    const onOut = (event: FocusEvent): void => {
      const target = event.target as Element
      if (event.relatedTarget !== null) {
        if (!el.contains(event.relatedTarget as Node)) holder.current = null
        return
      }
      // Focus to nowhere: a blur if the control is still there once the update is drawn, else
      // it went with the old content (Chromium says focusout before removing it).
      setTimeout(() => {
        if (holder.current?.element === target && target.isConnected) holder.current = null
      }, 0)
    }
    el.addEventListener('focusin', onIn)
    el.addEventListener('focusout', onOut)
    return () => {
      el.removeEventListener('focusin', onIn)
      el.removeEventListener('focusout', onOut)
    }
  }, [])
  useLayoutEffect(() => {
    const lost = holder.current
    const nowhere = document.activeElement === null || document.activeElement === document.body
    if (!nowhere || !lost || lost.element.isConnected) return
    const items = [...(region.current?.querySelectorAll<HTMLElement>(ITEM) ?? [])]
    const next = lost.item >= 0 ? items[Math.min(lost.item, items.length - 1)] : undefined
    ;((next && focusableIn(next)) ?? fallback())?.focus()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the callers' triggers are the dependencies
  }, triggers)
  return region
}

/** The element itself when it takes focus, else its first control. */
function focusableIn(element: HTMLElement): HTMLElement | null {
  if (element.hasAttribute('tabindex')) return element
  return element.querySelector<HTMLElement>('button, a[href], input, select, textarea, [tabindex]')
}
