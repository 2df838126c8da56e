// The Azure CLI script against a directory and a resource group that hold things already: an
// identity it would create (az identity create is a PUT of the whole identity: tags dropped,
// another location refused), and developer groups looked up by name (az ad group show --group
// falls back to a group whose name only starts so; azure-cli role/_validators.py validate_group).
import { describe, expect, it, vi } from 'vitest'
import { exportDesign } from '@/export/export.ts'
import { templateById } from '@/templates/index.ts'
import { design } from '../support/builder.ts'
import { fakeHash } from '../support/fake-az.ts'
import { dataPlane } from './fixtures.ts'
import { runExportedScript } from './read-exports.ts'

// Each run starts bash and the fake az for every call.
vi.setConfig({ testTimeout: 30_000 })

const scenario3 = templateById('scenario-3')!.design
const subcommand = (call: readonly string[]): string =>
  call
    .slice(
      0,
      call.findIndex((a) => a.startsWith('-')),
    )
    .join(' ')

describe('the Azure CLI script and an identity that exists', () => {
  it('looks it up by name and uses it as it is, never writing it again', () => {
    const script = exportDesign(dataPlane(), 'cli')
    const fresh = runExportedScript(script).run
    const existing = runExportedScript(script, {
      AZ_EXISTING_IDENTITIES: fakeHash('mi-orders'),
    }).run
    expect(fresh.status).toBe(0)
    expect(existing.status).toBe(0)
    const creates = (calls: readonly (readonly string[])[]) =>
      calls.filter((c) => subcommand(c) === 'identity create')
    expect(creates(fresh.calls)).toEqual([
      [
        'identity',
        'create',
        '--name=mi-orders',
        '--resource-group=rg-deploy',
        '--location=westeurope',
        '--query',
        'id',
        '--output',
        'tsv',
      ],
    ])
    expect(creates(existing.calls)).toEqual([])
    // Everything after it is the same: the same id, so the same principal and assignments.
    expect(existing.calls).toEqual(fresh.calls.filter((c) => subcommand(c) !== 'identity create'))
    expect(existing.stdout).toBe(fresh.stdout)
  })
})

describe('the Azure CLI script and a developer group named in the design', () => {
  const groupDesign = (name: string) =>
    design()
      .app('api', { name: 'api', hosting: 'appService', systemAssigned: true })
      .service('st', 'storage', { name: 'st1' })
      .developer('devs', 'group', { name })
      .access('api', 'st', ['Storage Blob Data Reader'], { via: 'system' })
      .access('devs', 'st', ['Storage Blob Data Reader'])
      .build()

  it('asks the directory for the group with exactly that name, a quote in it doubled', () => {
    const { run } = runExportedScript(exportDesign(groupDesign("O'Brien's team"), 'cli'))
    expect(run.status).toBe(0)
    const lookups = run.calls.filter((c) => subcommand(c) === 'ad group list')
    expect(lookups).toEqual([
      [
        'ad',
        'group',
        'list',
        "--filter=displayName eq 'O''Brien''s team'",
        '--query',
        '[].id',
        '--output',
        'tsv',
      ],
    ])
    const assignment = run.calls.find(
      (c) =>
        subcommand(c) === 'role assignment create' && c.includes('--assignee-principal-type=Group'),
    )
    expect(assignment).toContain(`--assignee-object-id=group-${fakeHash("O'Brien's team")}`)
  })

  it.each([
    ['0', 'No'],
    ['2', 'More than one'],
  ])(
    'stops before any role assignment when %s groups have the name, saying what to set',
    (matches, count) => {
      const { run } = runExportedScript(exportDesign(scenario3, 'cli'), {
        AZ_GROUP_MATCHES: matches,
      })
      expect(run.status).toBe(1)
      expect(run.stderr).toBe(
        `${count} Microsoft Entra group is named "Contoso developers": set CONTOSO_DEVELOPERS_PRINCIPAL_ID to the object id of the group meant, and run it again\n`,
      )
      expect(run.calls.filter((c) => subcommand(c) === 'role assignment create')).toEqual([])
    },
  )

  it('takes the object id from the environment without asking the directory', () => {
    const { run } = runExportedScript(exportDesign(scenario3, 'cli'), {
      AZ_GROUP_MATCHES: '0',
      CONTOSO_DEVELOPERS_PRINCIPAL_ID: '44444444-4444-4444-8444-444444444444',
    })
    expect(run.status).toBe(0)
    expect(run.calls.filter((c) => subcommand(c) === 'ad group list')).toEqual([])
  })
})

describe('the Azure CLI script and a container app with a sidecar', () => {
  it('sets the client-ID variables in every container, as apply does', () => {
    const d = design()
      .app('api', { name: 'orders-api', hosting: 'containerApp' })
      .identity('mi', { name: 'mi-orders' })
      .service('st', 'storage', { name: 'st1' })
      .attach('api', 'mi')
      .access('api', 'st', ['Storage Blob Data Reader'], { via: 'mi' })
      .build()
    const { run } = runExportedScript(exportDesign(d, 'cli'), { AZ_CONTAINERS: 'app\nenvoy' })
    expect(run.status).toBe(0)
    const updates = run.calls.filter((c) => subcommand(c) === 'containerapp update')
    const containerOf = (c: readonly string[]) => c[c.indexOf('--container-name') + 1]
    expect(updates.map(containerOf)).toEqual(['app', 'envoy'])
    for (const c of updates)
      expect(c.filter((a) => a.includes('='))).toEqual([
        `AZURE_CLIENT_ID=clientId-${fakeHash(
          `/subscriptions/00000000-0000-4000-8000-00000000feed/resourceGroups/rg-deploy/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uami-${fakeHash('mi-orders')}`,
        )}`,
      ])
  })
})
