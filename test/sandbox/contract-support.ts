import { readFileSync } from 'node:fs'
import { AuthorizationManagementClient } from '@azure/arm-authorization'
import { ManagedServiceIdentityClient } from '@azure/arm-msi'
import { ResourceManagementClient } from '@azure/arm-resources'
import type { FullOperationResponse } from '@azure/core-client'
import { isRestError, type RestError } from '@azure/core-rest-pipeline'
import { afterAll, beforeAll, beforeEach, expect } from 'vitest'
import { sandboxCredential } from '@/sandbox/client-options.ts'
import { type Harness, httpsHarness, inPageHarness, shapeOf } from './sdk-support.ts'
import { resourceId, SUB, SUB_ID } from './support.ts'

/** Contract tests run twice: over the HTTPS server and over the in-page HttpClient. */
export const TARGETS = ['https', 'in-page'] as const

export const example = (name: string, status: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/arm-examples/${name}.json`, import.meta.url), 'utf8'))
    .responses[status].body

/** Live ARM's role assignment fields beyond the spec example (2022-04-01). */
export const LIVE_ASSIGNMENT_EXTRAS = [
  'condition',
  'conditionVersion',
  'createdOn',
  'updatedOn',
  'createdBy',
  'updatedBy',
  'delegatedManagedIdentityResourceId',
  'description',
]

export function expectShape(ours: unknown, theirs: unknown, extras: readonly string[] = []) {
  const mine = shapeOf(ours)
  const missing = shapeOf(theirs).filter((p) => !mine.includes(p))
  expect(missing).toEqual([])
  const extra = mine
    .filter((p) => !shapeOf(theirs).includes(p))
    .map((p) => p.split(':')[0]?.split('.').pop())
  expect(extra.filter((k) => !extras.includes(k ?? ''))).toEqual([])
}

export const captured = () => {
  const box: { response?: FullOperationResponse } = {}
  return { box, onResponse: (r: FullOperationResponse) => void (box.response = r) }
}
export const rawJson = (box: { response?: FullOperationResponse }) =>
  JSON.parse(box.response?.bodyAsText ?? 'null')

export async function failure(run: () => Promise<unknown>): Promise<RestError> {
  try {
    await run()
  } catch (e) {
    // The SDK packages load core-rest-pipeline as CommonJS: compare by shape, not class.
    if (isRestError(e)) return e
    throw e
  }
  throw new Error('expected the call to fail')
}

export const USER = 'ce2ce14e-85d7-4629-bdbc-454d0519d987'
export const STORE = resourceId('Microsoft.Storage/storageAccounts', 'contosoassets')
export const SITE = resourceId('Microsoft.Web/sites', 'contoso-web')
export const ACCOUNT = resourceId('Microsoft.DocumentDB/databaseAccounts', 'contoso-cosmos')
export const roleDef = (guid: string) =>
  `${SUB_ID}/providers/Microsoft.Authorization/roleDefinitions/${guid}`
export const LRO = { updateIntervalInMs: 1 }

export interface ContractClients {
  h: Harness
  auth: AuthorizationManagementClient
  msi: ManagedServiceIdentityClient
  arm: ResourceManagementClient
}

/** Registers the hooks of a contract suite: one sandbox per suite, reset before every test. */
export function contractClients(kind: (typeof TARGETS)[number]): ContractClients {
  const s = {} as ContractClients
  beforeAll(async () => {
    const options = { pageSize: 3, faults: { throttle: { enabled: false } } }
    s.h = kind === 'https' ? await httpsHarness({ options }) : inPageHarness({ options })
    s.auth = new AuthorizationManagementClient(sandboxCredential, SUB, s.h.clientOptions())
    s.msi = new ManagedServiceIdentityClient(sandboxCredential, SUB, s.h.clientOptions())
    s.arm = new ResourceManagementClient(sandboxCredential, SUB, s.h.clientOptions())
  })
  afterAll(() => s.h.close())
  beforeEach(async () => {
    await s.h.admin('POST', '/reset')
    await s.h.admin('PATCH', '/faults', { throttle: { enabled: false } })
  })
  return s
}
