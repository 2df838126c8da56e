// lz-string is CommonJS: a default import works in Vite, Vitest and plain Node alike.
import LZString from 'lz-string'
import { err, type Result } from '../../lib/result.ts'
import { parseDesignText } from '../../model/parse.ts'
import type { Problem } from '../../model/problems.ts'
import { serializeDesign } from '../../model/serialize.ts'
import type { Design } from '../../model/types.ts'

const PREFIX = '#design='

/** The URL hash that carries a whole design, compressed: `#design=<lz-string>`. */
export function shareHash(design: Design): string {
  return PREFIX + LZString.compressToEncodedURIComponent(serializeDesign(design))
}

/** Whether a hash carries a design at all. */
export function hasSharedDesign(hash: string): boolean {
  return hash.startsWith(PREFIX)
}

/** The design a share hash carries, or the problems that make it unusable. */
export function readShareHash(hash: string): Result<Design, Problem[]> {
  const text = LZString.decompressFromEncodedURIComponent(hash.slice(PREFIX.length))
  if (!text)
    return err([{ path: '(link)', message: 'the link is damaged: its design cannot be read' }])
  return parseDesignText(text)
}
