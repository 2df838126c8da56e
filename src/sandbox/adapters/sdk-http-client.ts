import {
  createHttpHeaders,
  type HttpClient,
  type PipelineRequest,
  type PipelineResponse,
  RestError,
} from '@azure/core-rest-pipeline'
import type { Sandbox } from '../core/sandbox.ts'

type Signal = PipelineRequest['abortSignal']

export interface SandboxHttpClientOptions {
  /** Waits the latency the core decided (default: a timer that an abort cuts short). */
  readonly sleep?: (ms: number, signal: Signal) => Promise<void>
  /** Called after a request changed the world: the web app persists `sandbox.snapshot()` here. */
  readonly onChange?: (sandbox: Sandbox) => void
}

function abortError(): Error {
  const e = new Error('The operation was aborted.')
  e.name = 'AbortError'
  return e
}

function defaultSleep(ms: number, signal: Signal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError())
  if (ms <= 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(abortError())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

async function bodyText(body: PipelineRequest['body']): Promise<string | undefined> {
  if (body === undefined || body === null) return undefined
  if (typeof body === 'string') return body
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return new TextDecoder().decode(body)
  if (typeof Blob !== 'undefined' && body instanceof Blob) return body.text()
  throw new RestError('The sandbox accepts only text, buffer or Blob request bodies.', {
    code: RestError.REQUEST_SEND_ERROR,
  })
}

/**
 * An Azure SDK `HttpClient` that answers from an in-memory sandbox, so the real SDK clients run
 * with no network (in the browser or in Node). It waits the latency the core drew and turns a
 * drawn connection reset into the `ECONNRESET` RestError Node's client throws.
 */
export function createSandboxHttpClient(
  sandbox: Sandbox,
  options: SandboxHttpClientOptions = {},
): HttpClient {
  const sleep = options.sleep ?? defaultSleep
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      if (request.abortSignal?.aborted) throw abortError()
      const url = new URL(request.url)
      const before = sandbox.revision()
      const outcome = sandbox.handle({
        method: request.method,
        url: `${url.pathname}${url.search}`,
        headers: { ...request.headers.toJSON(), host: url.host },
        body: await bodyText(request.body),
      })
      if (sandbox.revision() !== before) options.onChange?.(sandbox)
      await sleep(outcome.delayMs, request.abortSignal)
      if (outcome.kind === 'reset')
        throw new RestError('read ECONNRESET', { code: 'ECONNRESET', request })
      return {
        request,
        status: outcome.response.status,
        headers: createHttpHeaders(outcome.response.headers),
        bodyAsText: outcome.response.body ?? '',
      }
    },
  }
}
