import { createContext, useContext } from 'react'

export type Announce = (text: string) => void

/** Provided by <Announcer>; a no-op outside it (components rendered alone in tests). */
export const AnnounceContext = createContext<Announce>(() => {})

/** Says something to screen reader users through the page's polite live region. */
export function useAnnounce(): Announce {
  return useContext(AnnounceContext)
}
