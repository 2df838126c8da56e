import { useEffect, useRef, useState } from 'react'
import { describeError } from '../../apply/describe.ts'
import type { ReadOptions, ReadProgress } from '../../import/read-estate.ts'

export type ReadState<T> =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading'; readonly progress: ReadProgress | null }
  | { readonly kind: 'done'; readonly value: T }
  | { readonly kind: 'failed'; readonly message: string }

/**
 * One read of a resource group at a time, with progress, a stop button and a clear failure; a
 * read stopped or outrun by a newer one changes nothing. Closing the dialog stops it.
 */
export function useGroupRead<T>(): {
  state: ReadState<T>
  start: (read: (options: ReadOptions) => Promise<T>) => Promise<T | undefined>
  stop: () => void
  reset: () => void
} {
  const [state, setState] = useState<ReadState<T>>({ kind: 'idle' })
  const current = useRef<AbortController | null>(null)
  useEffect(() => () => current.current?.abort(), [])
  const stop = (): void => {
    current.current?.abort()
    current.current = null
    setState({ kind: 'idle' })
  }
  const start = async (read: (options: ReadOptions) => Promise<T>): Promise<T | undefined> => {
    current.current?.abort()
    const abort = new AbortController()
    current.current = abort
    setState({ kind: 'reading', progress: null })
    try {
      const value = await read({
        signal: abort.signal,
        onProgress: (progress) => {
          if (current.current === abort) setState({ kind: 'reading', progress })
        },
      })
      if (current.current !== abort) return undefined
      setState({ kind: 'done', value })
      return value
    } catch (e) {
      if (current.current === abort) setState({ kind: 'failed', message: describeError(e) })
      return undefined
    } finally {
      if (current.current === abort) current.current = null
    }
  }
  return { state, start, stop, reset: () => setState({ kind: 'idle' }) }
}
