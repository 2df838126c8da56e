export type CopyText = (text: string) => Promise<void>

/** The browser clipboard; injected in tests and where the clipboard is unavailable. */
export const clipboardCopy: CopyText = (text) => navigator.clipboard.writeText(text)
