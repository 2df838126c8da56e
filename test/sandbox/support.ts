import { createSandbox, type Sandbox, type SandboxOptions } from '@/sandbox/core/sandbox.ts'
import type { SandboxState } from '@/sandbox/core/types.ts'

export const SUB = '11111111-1111-1111-1111-111111111111'
export const SUB_ID = `/subscriptions/${SUB}`
export const RG_ID = `${SUB_ID}/resourceGroups/sandbox-rg`
export const START = Date.UTC(2026, 0, 1, 12, 0, 0)

export const ROLES = {
  blobContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  blobReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
} as const

export const roleDefinitionId = (guid: string): string =>
  `/providers/Microsoft.Authorization/roleDefinitions/${guid}`

export const resourceId = (type: string, name: string): string => {
  const [ns, ...types] = type.split('/')
  const names = name.split('/')
  return `${RG_ID}/providers/${ns}/${types.map((t, i) => `${t}/${names[i]}`).join('/')}`
}

export interface TestClock {
  readonly now: () => number
  advance(ms: number): void
}

export function testClock(start = START): TestClock {
  let t = start
  return { now: () => t, advance: (ms) => void (t += ms) }
}

export function testSandbox(
  input: { seed?: number; options?: SandboxOptions; state?: SandboxState; clock?: TestClock } = {},
): { sandbox: Sandbox; clock: TestClock } {
  const clock = input.clock ?? testClock()
  const sandbox = createSandbox({
    now: clock.now,
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    ...(input.state ? { state: input.state } : {}),
    // Throttling is ARM's behaviour and on by default; tests switch it on when they test it.
    options: {
      ...input.options,
      faults: {
        throttle: { enabled: false, ...input.options?.faults?.throttle },
        ...omitThrottle(input.options?.faults),
      },
    },
  })
  return { sandbox, clock }
}

function omitThrottle<T extends { throttle?: unknown }>(
  faults: T | undefined,
): Omit<T, 'throttle'> | object {
  if (!faults) return {}
  const { throttle: _throttle, ...rest } = faults
  return rest
}

export interface Answer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read ARM bodies freely
  readonly json: any
}

/** One request through the core; `url` may lack api-version when `apiVersion` is null. */
export function call(
  sandbox: Sandbox,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = { authorization: 'Bearer test-token', host: 'sandbox.test' },
): Answer {
  const outcome = sandbox.handle({
    method,
    url,
    headers,
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  })
  if (outcome.kind === 'reset') return { status: 0, headers: {}, json: undefined }
  const text = outcome.response.body
  return {
    status: outcome.response.status,
    headers: outcome.response.headers,
    json: text ? JSON.parse(text) : undefined,
  }
}

/** Appends the api-version unless the URL has one. */
export const v = (url: string, apiVersion = '2022-04-01'): string =>
  url.includes('api-version=')
    ? url
    : `${url}${url.includes('?') ? '&' : '?'}api-version=${apiVersion}`
