import type { IncomingMessage, ServerResponse } from 'node:http'
import { armError } from '../core/errors.ts'

/** ARM refuses request bodies over 4 MB with 413 `RequestContentTooLarge`. */
export const ARM_BODY_LIMIT = 4 * 1024 * 1024
/** The admin endpoint takes whole sandbox states (`PUT /_sandbox/state`): more room, still bounded. */
export const ADMIN_BODY_LIMIT = 32 * 1024 * 1024
/** How long the rest of a refused body is read and dropped before the connection is cut. */
const DRAIN_MS = 5_000

export class BodyTooLarge extends Error {
  readonly limit: number
  constructor(limit: number) {
    super(`The request content size exceeds the maximum size of ${limit / (1024 * 1024)} MB.`)
    this.limit = limit
  }
}

/**
 * The request body as text, refused as soon as it passes `limit` bytes (by Content-Length up
 * front, else while it streams): nothing is buffered beyond the limit.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge(limit))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size > limit) {
        request.off('data', onData)
        chunks.length = 0
        reject(new BodyTooLarge(limit))
        return
      }
      chunks.push(chunk)
    }
    request.on('data', onData)
    request.on('end', () => resolve(size > 0 ? Buffer.concat(chunks).toString('utf8') : undefined))
    request.on('error', reject)
  })
}

/**
 * ARM's 413, then the connection is closed: the rest of the body is read and dropped (so the
 * client gets to read the answer instead of a reset) for at most a few seconds.
 */
export function refuseBody(
  request: IncomingMessage,
  response: ServerResponse,
  error: BodyTooLarge,
  headers: Record<string, string>,
): void {
  const answer = armError(413, 'RequestContentTooLarge', error.message)
  response
    .writeHead(answer.status, { ...answer.headers, ...headers, connection: 'close' })
    .end(answer.body)
  const cut = setTimeout(() => request.socket.destroy(), DRAIN_MS)
  cut.unref()
  request.on('end', () => clearTimeout(cut))
  request.on('close', () => clearTimeout(cut))
  request.resume()
}
