import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SandboxOptions } from '@/sandbox/core/sandbox.ts'
import { type Harness, httpsHarness, inPageHarness, type RawAnswer } from '../sdk-support.ts'
import { RG_ID, resourceId, ROLES, START, SUB_ID } from '../support.ts'

const UAI = 'Microsoft.ManagedIdentity/userAssignedIdentities'
const SITE = resourceId('Microsoft.Web/sites', 'contoso-web')
const ACCOUNT = resourceId('Microsoft.DocumentDB/databaseAccounts', 'contoso-cosmos')
const ra = (scope: string, name: string) =>
  `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}?api-version=2022-04-01`

type Step = readonly [
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
]

/** A session touching every kind of answer: successes, ARM errors, throttling and injected 5xx. */
const SCRIPT: Step[] = [
  ['GET', '/subscriptions?api-version=2022-12-01'],
  ['GET', `${SUB_ID}?api-version=2022-12-01`, undefined, {}],
  ['GET', SUB_ID],
  ['PUT', `${SUB_ID}/resourceGroups/rg-parity?api-version=2021-04-01`, { location: 'West Europe' }],
  ...Array.from({ length: 6 }, (_, i): Step => [
    'PUT',
    `${resourceId(UAI, `mi-${i}`)}?api-version=2023-01-31`,
    { location: 'westeurope' },
  ]),
  ['GET', `${RG_ID}/providers/${UAI}?api-version=2023-01-31`],
  [
    'PATCH',
    `${SITE}?api-version=2023-12-01`,
    {
      identity: {
        type: 'SystemAssigned, UserAssigned',
        userAssignedIdentities: { [resourceId(UAI, 'mi-0')]: {} },
      },
    },
  ],
  [
    'GET',
    `${RG_ID}/resources?api-version=2021-04-01&$filter=${encodeURIComponent("resourceType eq 'Microsoft.Web/sites'")}`,
  ],
  [
    'PUT',
    ra(RG_ID, 'not-a-guid'),
    {
      properties: {
        roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${ROLES.reader}`,
        principalId: 'ce2ce14e-85d7-4629-bdbc-454d0519d987',
      },
    },
  ],
  [
    'PUT',
    ra(RG_ID, '8b0f43c5-e787-4862-89b1-a653fa9cf747'),
    {
      properties: {
        roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${ROLES.reader}`,
        principalId: 'ce2ce14e-85d7-4629-bdbc-454d0519d987',
        principalType: 'Group',
      },
    },
  ],
  [
    'PUT',
    ra(RG_ID, '9b0f43c5-e787-4862-89b1-a653fa9cf747'),
    {
      properties: {
        roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${ROLES.reader}`,
        principalId: 'ce2ce14e-85d7-4629-bdbc-454d0519d987',
        principalType: 'Group',
      },
    },
  ],
  [
    'GET',
    `${RG_ID}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=atScope()`,
  ],
  [
    'PUT',
    `${ACCOUNT}/sqlRoleAssignments/ab0f43c5-e787-4862-89b1-a653fa9cf747?api-version=2024-05-15`,
    {
      properties: {
        roleDefinitionId: `${ACCOUNT}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001`,
        scope: ACCOUNT,
        principalId: 'ce2ce14e-85d7-4629-bdbc-454d0519d987',
      },
    },
  ],
  ['PUT', `${SITE}/config/appsettings?api-version=2023-12-01`, { properties: { A: '1' } }],
  ['POST', `${SITE}/config/appsettings/list?api-version=2023-12-01`],
  ['GET', `${RG_ID}/providers/Microsoft.Authorization/permissions?api-version=2022-04-01`],
  ['DELETE', `${resourceId(UAI, 'mi-1')}?api-version=2023-01-31`],
  ['DELETE', `${resourceId(UAI, 'mi-1')}?api-version=2023-01-31`],
  ['GET', `${resourceId(UAI, 'mi-1')}?api-version=2023-01-31`],
  ...Array.from({ length: 8 }, (_, i): Step => [
    'PUT',
    `${resourceId(UAI, `mi-late-${i}`)}?api-version=2023-01-31`,
    { location: 'westeurope' },
  ]),
]

const HEADERS = [
  'content-type',
  'x-ms-request-id',
  'retry-after',
  'x-ms-ratelimit-remaining-subscription-writes',
  'x-ms-ratelimit-remaining-subscription-deletes',
  'location',
  'azure-asyncoperation',
  'www-authenticate',
]

function normalised(answer: RawAnswer, origin: string) {
  const text = (value: unknown) =>
    JSON.stringify(value ?? null)
      .split(origin)
      .join('ORIGIN')
  return {
    status: answer.status,
    body: JSON.parse(text(answer.json)),
    headers: Object.fromEntries(
      HEADERS.filter((h) => answer.headers[h] !== undefined).map((h) => [
        h,
        JSON.parse(text(answer.headers[h])),
      ]),
    ),
  }
}

describe('the in-page adapter and the HTTPS server', () => {
  const options: SandboxOptions = {
    pageSize: 4,
    faults: {
      serverErrors: { rate: 0.1 },
      throttle: { enabled: true, capacity: 18, refillPerSecond: 1 },
    },
  }
  let https: Harness
  let page: Harness
  beforeAll(async () => {
    https = await httpsHarness({ seed: 1, now: () => START, options })
    page = inPageHarness({ seed: 1, now: () => START, options })
  })
  afterAll(() => https.close())

  it('give identical answers for the same request sequence', async () => {
    const fromServer = []
    const fromPage = []
    for (const [method, path, body, headers] of SCRIPT) {
      fromServer.push(normalised(await https.raw(method, path, body, headers), https.endpoint))
      fromPage.push(normalised(await page.raw(method, path, body, headers), page.endpoint))
    }
    expect(fromPage).toEqual(fromServer)
    // The script did meet every kind of answer.
    const statuses = new Set(fromServer.map((a) => a.status))
    for (const s of [200, 201, 202, 204, 400, 401, 404, 409, 429]) expect(statuses).toContain(s)
    expect([...statuses].some((s) => s >= 500)).toBe(true)
  })
})
