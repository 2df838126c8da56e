// lz-string is CommonJS: a default import works in Vite, Vitest and plain Node alike.
import LZString from 'lz-string'
import { err, type Result } from '../../lib/result.ts'
import { formatSize, MAX_DESIGN_CHARS } from '../../model/limits.ts'
import { parseDesignText } from '../../model/parse.ts'
import type { Problem } from '../../model/problems.ts'
import { serializeDesign } from '../../model/serialize.ts'
import type { Design } from '../../model/types.ts'
import { inflateUriSafe } from './bounded-lz.ts'

const PREFIX = '#design='

/** The URL hash that carries a whole design, compressed: `#design=<lz-string>`. */
export function shareHash(design: Design): string {
  return PREFIX + LZString.compressToEncodedURIComponent(serializeDesign(design))
}

/** Whether a hash carries a design at all. */
export function hasSharedDesign(hash: string): boolean {
  return hash.startsWith(PREFIX)
}

/**
 * The design a share hash carries, or the problems that make it unusable. Decoding stops once the
 * design would pass the size cap of any design (bounded-lz.ts): a link cannot make the page
 * inflate more than that.
 */
export function readShareHash(hash: string): Result<Design, Problem[]> {
  const packed = hash.slice(PREFIX.length)
  const text =
    packed.length > MAX_DESIGN_CHARS
      ? err('tooLarge' as const)
      : inflateUriSafe(packed, MAX_DESIGN_CHARS)
  if (!text.ok)
    return err([
      {
        path: '(link)',
        message:
          text.error === 'tooLarge'
            ? `the link holds more than ${formatSize(MAX_DESIGN_CHARS)} of design, the most a design may be: it was not opened`
            : 'the link is damaged: its design cannot be read',
      },
    ])
  return parseDesignText(text.value)
}
