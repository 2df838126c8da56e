import { describe, expect, it } from 'vitest'
import { countPreview } from '@/apply/preview.ts'
import { succeeded } from '@/apply/report.ts'
import type { Design } from '@/model/types.ts'
import { derivePlan } from '@/plan/derive.ts'
import {
  applyOnce,
  httpsWorld,
  QUICK_RETRY,
  sandboxPrincipalId,
  sandboxServerPerFile,
  SUB,
} from './support.ts'

const host = sandboxServerPerFile()
const RG = `/subscriptions/${SUB}/resourceGroups/sandbox-rg/providers`

const design: Design = {
  name: 'Data services',
  nodes: [
    { id: 'api', kind: 'app', name: 'data-api', hosting: 'appService', systemAssigned: true },
    { id: 'cache', kind: 'service', name: 'orders-cache', service: 'redis' },
    { id: 'pg', kind: 'service', name: 'orders-pg', service: 'postgresql' },
    { id: 'my', kind: 'service', name: 'orders-mysql', service: 'mysql' },
  ],
  edges: [
    {
      id: 'e1',
      kind: 'access',
      source: 'api',
      target: 'cache',
      via: 'system',
      roles: ['Data Contributor'],
    },
    {
      id: 'e2',
      kind: 'access',
      source: 'api',
      target: 'pg',
      via: 'system',
      roles: ['pg_read_all_data', 'pg_write_all_data'],
    },
    {
      id: 'e3',
      kind: 'access',
      source: 'api',
      target: 'my',
      via: 'system',
      roles: ['SELECT', 'INSERT'],
    },
  ],
}

function seed(options: { aad: boolean; admins: boolean }): void {
  const sandbox = host.server.sandbox
  sandbox.seed({
    resources: [
      { type: 'Microsoft.Web/sites', name: 'data-api', kind: 'app' },
      {
        type: 'Microsoft.Cache/redis',
        name: 'orders-cache',
        properties: { redisConfiguration: { 'aad-enabled': options.aad ? 'true' : 'false' } },
      },
      { type: 'Microsoft.DBforPostgreSQL/flexibleServers', name: 'orders-pg' },
      { type: 'Microsoft.DBforMySQL/flexibleServers', name: 'orders-mysql' },
    ],
  })
  if (!options.admins) return
  const put = (path: string, properties: object) =>
    sandbox.handle({
      method: 'PUT',
      url: `${RG}/${path}?api-version=2024-08-01`,
      headers: { authorization: 'Bearer admin' },
      body: JSON.stringify({ properties }),
    })
  put(
    'Microsoft.DBforPostgreSQL/flexibleServers/orders-pg/administrators/aaaaaaaa-0000-4000-8000-000000000001',
    {
      principalType: 'Group',
      principalName: 'pg-admins',
      tenantId: '22222222-2222-2222-2222-222222222222',
    },
  )
  put('Microsoft.DBforMySQL/flexibleServers/orders-mysql/administrators/ActiveDirectory', {
    administratorType: 'ActiveDirectory',
    login: 'mysql-admins',
    sid: 'aaaaaaaa-0000-4000-8000-000000000002',
    tenantId: '22222222-2222-2222-2222-222222222222',
  })
}

describe('PostgreSQL, MySQL and Azure Cache for Redis (real SDK over HTTPS)', () => {
  it('plans a Redis access policy assignment and the server-side scripts, not Azure role assignments', () => {
    const plan = derivePlan(design)
    expect(plan.actions.map((a) => a.action)).toEqual([
      'enableSystemAssigned',
      'redisAccessPolicy',
      'databaseUser',
      'databaseUser',
    ])
    const scripts = plan.actions.flatMap((a) => (a.action === 'databaseUser' ? [a.script] : []))
    expect(scripts).toEqual([
      [
        "-- As the server's Microsoft Entra administrator (CREATE AADUSER fails if the user exists: skip it then).",
        "CREATE AADUSER 'data-api';",
        "GRANT SELECT, INSERT ON *.* TO 'data-api';",
        '',
      ].join('\n'),
      [
        "-- In the postgres database, as the server's Microsoft Entra administrator.",
        'DO $idtopo$',
        'BEGIN',
        "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'data-api') THEN",
        "    PERFORM pgaadauth_create_principal('data-api', false, false);",
        '  END IF;',
        'END',
        '$idtopo$;',
        'GRANT "pg_read_all_data" TO "data-api";',
        'GRANT "pg_write_all_data" TO "data-api";',
        '',
      ].join('\n'),
    ])
  })

  it('assigns the Redis access policy (201 “Updating”, polled to the end), hands over the scripts once the servers have an Entra administrator, and converges', async () => {
    host.server.sandbox.setFaults({ operations: { durationMs: 300, retryAfterSeconds: 1 } })
    seed({ aad: true, admins: true })
    const world = await httpsWorld(host.server.url)
    const first = await applyOnce(design, world, { retry: QUICK_RETRY })
    expect(first.report.steps.filter((s) => s.outcome === 'failed')).toEqual([])
    expect(succeeded(first.report)).toBe(true)
    const objectId = sandboxPrincipalId(host.server.sandbox, first.prepared, {
      type: 'systemAssigned',
      node: 'api',
    })
    const assignments = Object.values(host.server.sandbox.snapshot().resources)
      .filter((r) => r.type === 'Microsoft.Cache/redis/accessPolicyAssignments')
      .map((r) => r.properties)
    expect(assignments).toEqual([
      {
        accessPolicyName: 'Data Contributor',
        objectId,
        objectIdAlias: 'api',
        provisioningState: 'Succeeded',
      },
    ])
    const manual = first.preview.items.filter((i) => i.step.kind === 'sqlScript')
    expect(manual.map((i) => [i.status, i.reason])).toEqual([
      [
        'manual',
        'run this MySQL script on the server as its Microsoft Entra administrator (mysql-admins)',
      ],
      [
        'manual',
        'run this PostgreSQL script on the server as its Microsoft Entra administrator (pg-admins)',
      ],
    ])
    const second = await applyOnce(design, world, { retry: QUICK_RETRY })
    expect(countPreview(second.preview.items).create).toBe(0)
    expect(second.report.counts.created).toBe(0)
  }, 30_000)

  it('says what is missing: Entra authentication on the cache, an Entra administrator on each server', async () => {
    seed({ aad: false, admins: false })
    const applied = await applyOnce(design, await httpsWorld(host.server.url), {
      retry: QUICK_RETRY,
    })
    const reasons = applied.preview.items
      .filter((i) => i.step.kind === 'redisAccessPolicy' || i.step.kind === 'sqlScript')
      .map((i) => [i.status, i.reason])
    expect(reasons).toEqual([
      [
        'cannot',
        'the cache does not take Microsoft Entra authentication: turn it on first (redisConfiguration aad-enabled, az redis update --set redisConfiguration.aad-enabled=true)',
      ],
      [
        'cannot',
        'the server has no Microsoft Entra administrator to run the script: set one first (az mysql flexible-server ad-admin create)',
      ],
      [
        'cannot',
        'the server has no Microsoft Entra administrator to run the script: set one first (az postgres flexible-server microsoft-entra-admin create)',
      ],
    ])
  }, 30_000)

  it('polls a write answered 201 “Updating” until its provisioningState ends: an assignment still updating is not done', async () => {
    host.server.sandbox.setFaults({ operations: { durationMs: 1500, retryAfterSeconds: 1 } })
    seed({ aad: true, admins: false })
    const world = await httpsWorld(host.server.url)
    const cache = `${RG}/Microsoft.Cache/redis/orders-cache`
    const started = Date.now()
    const written = await world.raw.putRedisAccessPolicyAssignment(cache, 'a1', {
      accessPolicyName: 'Data Reader',
      objectId: 'aaaaaaaa-0000-4000-8000-000000000003',
      objectIdAlias: 'someone',
    })
    // The cache applied it for 1.5 s: the first poll (after 1 s) still read "Updating".
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500)
    const [stored] = Object.values(host.server.sandbox.snapshot().resources).filter(
      (r) => r.type === 'Microsoft.Cache/redis/accessPolicyAssignments',
    )
    expect(stored?.properties.provisioningState).toBe('Succeeded')
    expect(written).toEqual({
      value: {
        accessPolicyName: 'Data Reader',
        objectId: 'aaaaaaaa-0000-4000-8000-000000000003',
        objectIdAlias: 'someone',
      },
      created: true,
    })
  }, 30_000)
})
