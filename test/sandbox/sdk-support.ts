import {
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineRequest,
  type HttpClient,
} from '@azure/core-rest-pipeline'
import { createSandboxHttpClient } from '@/sandbox/adapters/sdk-http-client.ts'
import { IN_PAGE_ENDPOINT, sandboxClientOptions } from '@/sandbox/client-options.ts'
import { createSandbox, type Sandbox, type SandboxOptions } from '@/sandbox/core/sandbox.ts'
import { startSandboxServer } from '@/sandbox/server/https-server.ts'

/** One way to reach a sandbox: the HTTPS server or the in-page HttpClient, with the same admin verbs. */
export interface Harness {
  readonly kind: 'https' | 'in-page'
  readonly endpoint: string
  /** Options for the SDK clients (retries off unless a test turns them on). */
  clientOptions(extra?: object): ReturnType<typeof sandboxClientOptions> & Record<string, unknown>
  raw(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<RawAnswer>
  admin(method: string, path: string, body?: unknown): Promise<unknown>
  close(): Promise<void>
}

export interface RawAnswer {
  readonly status: number
  readonly headers: Record<string, string>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read ARM bodies freely
  readonly json: any
}

const BEARER = { authorization: 'Bearer contract-test' }

function rawVia(http: HttpClient, endpoint: string, tls: { ca: string } | undefined) {
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = BEARER,
  ): Promise<RawAnswer> => {
    const request = createPipelineRequest({
      url: `${endpoint}${path}`,
      method: method as 'GET',
      headers: createHttpHeaders({ 'content-type': 'application/json', ...headers }),
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    })
    // createPipelineRequest drops tlsSettings; pipelines set it through tlsPolicy, we set it here.
    if (tls) request.tlsSettings = tls
    const response = await http.sendRequest(request)
    const text = response.bodyAsText ?? ''
    const contentType = response.headers.get('content-type') ?? ''
    return {
      status: response.status,
      headers: response.headers.toJSON(),
      json: text && contentType.includes('json') ? JSON.parse(text) : text || undefined,
    }
  }
}

export interface HarnessInput {
  readonly seed?: number
  readonly now?: () => number
  /** The HTTPS server's latency wait (the in-page path takes its own through the HttpClient). */
  readonly sleep?: (ms: number) => Promise<void>
  readonly options?: SandboxOptions
}

export async function httpsHarness(input: HarnessInput = {}): Promise<Harness> {
  const server = await startSandboxServer({ now: input.now ?? Date.now, ...input })
  const tls = { ca: server.certificatePem }
  const raw = rawVia(createDefaultHttpClient(), server.url, tls)
  return {
    kind: 'https',
    endpoint: server.url,
    clientOptions: (extra = {}) => ({
      ...sandboxClientOptions({
        kind: 'https',
        url: server.url,
        certificatePem: server.certificatePem,
      }),
      retryOptions: { maxRetries: 0 },
      ...extra,
    }),
    raw,
    admin: async (method, path, body) => (await raw(method, `/_sandbox${path}`, body, {})).json,
    close: () => server.close(),
  }
}

/** The in-page path; admin verbs call the core directly, as the web app's settings do. */
export function inPageHarness(input: HarnessInput = {}, sandbox?: Sandbox): Harness {
  const sb = sandbox ?? createSandbox({ now: input.now ?? Date.now, ...input })
  const raw = rawVia(createSandboxHttpClient(sb), IN_PAGE_ENDPOINT, undefined)
  return {
    kind: 'in-page',
    endpoint: IN_PAGE_ENDPOINT,
    clientOptions: (extra = {}) => ({
      ...sandboxClientOptions({ kind: 'in-page', sandbox: sb }),
      retryOptions: { maxRetries: 0 },
      ...extra,
    }),
    raw,
    admin: async (method, path, body) => {
      const route = `${method} ${path}`
      if (route === 'PATCH /faults') return sb.setFaults(body as never)
      if (route === 'DELETE /faults') return sb.resetFaults()
      if (route === 'POST /clock') return sb.advanceClock((body as { advanceMs: number }).advanceMs)
      if (route === 'POST /seed') return sb.seed(body as never)
      if (route === 'POST /reset') return sb.reset()
      throw new Error(`no in-page admin verb ${route}`)
    },
    close: async () => undefined,
  }
}

/** Which keys (as dotted paths with JSON types) a response has; arrays by their first element. */
export function shapeOf(value: unknown, path = ''): string[] {
  if (Array.isArray(value))
    return [`${path}: array`, ...(value.length > 0 ? shapeOf(value[0], `${path}[]`) : [])]
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => shapeOf(v, path ? `${path}.${k}` : k))
  return [`${path}: ${value === null ? 'null' : typeof value}`]
}
