import { useEffect, useState } from 'react'

const DELAY_MS = 250

/**
 * `compute(input)`, worked out when the page is idle rather than during the render that changed
 * `input`; undefined until the first result. For figures that may trail an edit by a moment.
 */
export function useIdleValue<I, T>(input: I, compute: (input: I) => T): T | undefined {
  const [state, setState] = useState<{ input: I; value: T } | undefined>(undefined)
  useEffect(() => {
    const run = (): void => setState({ input, value: compute(input) })
    if (typeof requestIdleCallback !== 'function') {
      const t = setTimeout(run, 0)
      return () => clearTimeout(t)
    }
    // A short wait first: while a large design is being drawn the page has idle slivers, and
    // this work should not land in them.
    let handle: number | undefined
    const t = setTimeout(() => {
      handle = requestIdleCallback(run, { timeout: 1000 })
    }, DELAY_MS)
    return () => {
      clearTimeout(t)
      if (handle !== undefined) cancelIdleCallback(handle)
    }
    // compute is a stable module function at every call site; input drives the work.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [input])
  return state?.value
}
