import { AuthorizationManagementClient } from '@azure/arm-authorization'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prepareApply } from '@/apply/prepare.ts'
import { previewApply } from '@/apply/preview.ts'
import { privilegedItems } from '@/apply/privilege.ts'
import { privilegeOf, type RolePermission } from '@/catalog/privilege.ts'
import { ALL_ROLES, roleByName, rolePermissions } from '@/catalog/roles.ts'
import { runCli } from '@/cli/main.ts'
import type { Design } from '@/model/types.ts'
import { checkDesign } from '@/rules/engine.ts'
import { sandboxClientOptions, sandboxCredential } from '@/sandbox/client-options.ts'
import { type SandboxServer, startSandboxServer } from '@/sandbox/server/https-server.ts'
import reference from '../fixtures/reference-azure-roles.json' with { type: 'json' }
import { inPageWorld, SUB, TARGET } from '../apply/support.ts'
import { memoryIO } from '../support/memory-io.ts'

const perm = (
  actions: string[],
  notActions: string[] = [],
  dataActions: string[] = [],
): RolePermission[] => [{ actions, notActions, dataActions, notDataActions: [] }]

describe('privilege from permissions', () => {
  it.each([
    ['*', perm(['*']), 'every control-plane action (*)'],
    [
      '* with Authorization writes excluded (Contributor’s shape)',
      perm(['*'], ['Microsoft.Authorization/*/Write']),
      'every control-plane action (*)',
    ],
    [
      'Microsoft.Authorization/*/write',
      perm(['Microsoft.Authorization/*/write']),
      'can grant roles (Microsoft.Authorization/roleAssignments/write)',
    ],
    [
      '*/write',
      perm(['*/write']),
      'can grant roles (Microsoft.Authorization/roleAssignments/write)',
    ],
    [
      'MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/*',
      perm(['MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/*']),
      'can grant roles (Microsoft.Authorization/roleAssignments/write)',
    ],
    [
      'roleDefinitions/write alone',
      perm(['Microsoft.Authorization/roleDefinitions/write']),
      'can define roles (Microsoft.Authorization/roleDefinitions/write)',
    ],
    [
      'identity assign',
      perm(['Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action']),
      'can put user-assigned identities on resources it controls (…/userAssignedIdentities/assign/action)',
    ],
    [
      'federated credentials',
      perm(['Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write']),
      'can let outside tokens act as an identity (federated identity credentials)',
    ],
    ['every data action', perm([], [], ['*']), 'data actions of every service (*)'],
  ])('%s is privileged', (_what, permissions, reason) => {
    expect(privilegeOf(permissions)).toBe(reason)
  })

  it.each([
    ['*/read', perm(['*/read'])],
    [
      'Authorization with its writes excluded',
      perm(
        ['Microsoft.Authorization/*'],
        ['Microsoft.Authorization/*/write', 'Microsoft.Authorization/elevateAccess/action'],
      ),
    ],
    [
      'a provider’s own data wildcard',
      perm(['Microsoft.ServiceBus/*/read'], [], ['Microsoft.ServiceBus/*']),
    ],
    ['identities read', perm(['Microsoft.ManagedIdentity/userAssignedIdentities/*/read'])],
    [
      'an assign action of another type',
      perm(['Microsoft.Network/virtualNetworks/subnets/join/action']),
    ],
  ])('%s is not', (_what, permissions) => {
    expect(privilegeOf(permissions)).toBeUndefined()
  })

  it('agrees with the reference for every reference role whose permissions the catalog holds', () => {
    for (const ref of reference.roles) {
      const fact = roleByName(ref.name)!
      const permissions = rolePermissions(fact)
      if (permissions)
        expect(Boolean(privilegeOf(permissions)), ref.name).toBe(ref.privileged === true)
    }
  })

  it('marks exactly these built-ins privileged, with a GUID from the official list for each added one', () => {
    expect(ALL_ROLES.filter((r) => r.privileged).map((r) => r.name)).toEqual([
      'Owner',
      'Contributor',
      'User Access Administrator',
      'Role Based Access Control Administrator',
      'db_owner',
      'Managed Identity Operator',
      'Managed Identity Contributor',
      'Key Vault Data Access Administrator',
      // The database-side and cache-side owners of the services added since (like db_owner).
      'azure_pg_admin',
      'ALL PRIVILEGES',
      'Data Owner',
    ])
    expect(roleByName('Managed Identity Operator')?.id).toBe('f1a07417-d97a-45cb-824c-7a7467783830')
    expect(roleByName('Managed Identity Contributor')?.id).toBe(
      'e40ec5ca-96e0-45a2-b4ff-59039f2c2b59',
    )
    expect(roleByName('Key Vault Data Access Administrator')?.id).toBe(
      '8b54135c-b56d-4d72-a534-26097cfdc8d8',
    )
  })

  it('the privileged-role rule fires on the added roles, and key-exposing-role does not', () => {
    const design: Design = {
      name: 'Escalation',
      nodes: [
        { id: 'api', kind: 'app', name: 'api', hosting: 'appService', systemAssigned: true },
        { id: 'kv', kind: 'service', name: 'kv', service: 'keyVault' },
      ],
      edges: [
        {
          id: 'mi-op',
          kind: 'access',
          source: 'api',
          target: 'kv',
          via: 'system',
          roles: ['Managed Identity Operator'],
        },
        {
          id: 'kv-daa',
          kind: 'access',
          source: 'api',
          target: 'kv',
          via: 'system',
          roles: ['8B54135C-B56D-4D72-A534-26097CFDC8D8'],
        },
      ],
    }
    const findings = checkDesign(design)
    expect(
      findings
        .filter((f) => f.rule === 'privileged-role')
        .map((f) => f.subject)
        .sort(),
    ).toEqual(['kv-daa', 'mi-op'])
    expect(findings.filter((f) => f.rule === 'key-exposing-role')).toEqual([])
  })
})

const CUSTOM = {
  everything: 'aaaaaaaa-0000-4000-8000-000000000001',
  authWrite: 'aaaaaaaa-0000-4000-8000-000000000002',
  benign: 'aaaaaaaa-0000-4000-8000-000000000003',
  missing: 'aaaaaaaa-0000-4000-8000-000000000004',
}

/** Custom role definitions written into the sandbox through the real SDK, as an admin would. */
async function defineCustomRoles(client: AuthorizationManagementClient): Promise<void> {
  const scope = `/subscriptions/${SUB}`
  const define = (guid: string, roleName: string, actions: string[]) =>
    client.roleDefinitions.createOrUpdate(scope, guid, {
      roleName,
      description: `test role ${roleName}`,
      roleType: 'CustomRole',
      assignableScopes: [scope],
      permissions: [{ actions, notActions: [], dataActions: [], notDataActions: [] }],
    })
  await define(CUSTOM.everything, 'Everything operator', ['*'])
  await define(CUSTOM.authWrite, 'Access writer', ['Microsoft.Authorization/*/write', '*/read'])
  await define(CUSTOM.benign, 'Blob lister', [
    'Microsoft.Storage/storageAccounts/blobServices/containers/read',
  ])
}

const grantDesign = (roles: string[]): Design => ({
  name: 'Grants',
  nodes: [
    { id: 'web', kind: 'app', name: 'contoso-web', hosting: 'appService', systemAssigned: true },
    { id: 'blob', kind: 'service', name: 'contosoassets', service: 'storage' },
  ],
  edges: roles.map((role, i) => ({
    id: `e${i}`,
    kind: 'access' as const,
    source: 'web',
    target: 'blob',
    via: 'system',
    roles: [role],
  })),
})

describe('the apply preview judges custom roles by their definitions in Azure', () => {
  it('requires confirmation for custom roles with * or Microsoft.Authorization/*/write and every privileged built-in, and cannot grant a role Azure does not have', async () => {
    const world = inPageWorld()
    const client = new AuthorizationManagementClient(sandboxCredential, SUB, {
      ...sandboxClientOptions({ kind: 'in-page', sandbox: world.sandbox }),
      retryOptions: { maxRetries: 0 },
    })
    await defineCustomRoles(client)
    const builtIns = ALL_ROLES.filter((r) => r.privileged && r.grant === 'rbac').map((r) => r.name)
    const design = grantDesign([...Object.values(CUSTOM), ...builtIns, 'Storage Blob Data Reader'])
    const resources = await world.gateway.listResources(SUB, 'sandbox-rg')
    const prepared = prepareApply(design, resources, TARGET)
    if (!prepared.ok) throw new Error(prepared.error.problems.map((p) => p.message).join('\n'))
    const preview = await previewApply(
      prepared.value.design,
      prepared.value.steps,
      world.gateway,
      TARGET,
    )
    const flagged = privilegedItems(preview.items).map(({ step }) =>
      step.kind === 'assignRole' ? `${step.roleGuid}: ${step.privilegedBecause}` : '',
    )
    expect(flagged.sort()).toEqual(
      [
        `${CUSTOM.everything}: custom role “Everything operator”: every control-plane action (*)`,
        `${CUSTOM.authWrite}: custom role “Access writer”: can grant roles (Microsoft.Authorization/roleAssignments/write)`,
        `${roleByName('Owner')!.id}: every control-plane action (*)`,
        `${roleByName('Contributor')!.id}: every control-plane action (*)`,
        `${roleByName('User Access Administrator')!.id}: can grant roles (Microsoft.Authorization/roleAssignments/write)`,
        `${roleByName('Role Based Access Control Administrator')!.id}: can grant roles (Microsoft.Authorization/roleAssignments/write)`,
        `${roleByName('Managed Identity Operator')!.id}: can put user-assigned identities on resources it controls (…/userAssignedIdentities/assign/action)`,
        `${roleByName('Managed Identity Contributor')!.id}: can let outside tokens act as an identity (federated identity credentials)`,
        `${roleByName('Key Vault Data Access Administrator')!.id}: can grant roles (Microsoft.Authorization/roleAssignments/write)`,
      ].sort(),
    )
    const cannot = preview.items
      .filter((i) => i.status === 'cannot')
      .map((i) => [i.step.kind === 'assignRole' ? i.step.roleGuid : i.step.kind, i.reason])
    expect(cannot).toEqual([
      [
        CUSTOM.missing,
        `Azure has no role definition ${CUSTOM.missing} that can be granted here: create the custom role (with this scope among its assignable scopes) or pick another role; one created minutes ago may not have reached every region yet, so preview again then`,
      ],
    ])
  })
})

describe('idtopo apply with a custom role over the HTTPS sandbox', () => {
  let server: SandboxServer
  beforeAll(async () => {
    server = await startSandboxServer({ port: 0 })
    const client = new AuthorizationManagementClient(sandboxCredential, SUB, {
      ...sandboxClientOptions({
        kind: 'https',
        url: server.url,
        certificatePem: server.certificatePem,
      }),
      retryOptions: { maxRetries: 0 },
    })
    await defineCustomRoles(client)
  })
  afterAll(() => server.close())

  const apply = (...extra: string[]) => [
    'apply',
    'd.json',
    '--subscription',
    SUB,
    '--resource-group',
    'sandbox-rg',
    '--sandbox',
    server.url,
    ...extra,
  ]

  it('refuses without --confirm-privileged, naming the role’s reason, and applies with it', async () => {
    const files = {
      'd.json': JSON.stringify({
        format: 'identity-topology',
        version: 1,
        ...grantDesign([CUSTOM.authWrite]),
      }),
    }
    const m = memoryIO(files)
    expect(await runCli(apply(), m.io)).toBe(2)
    expect(m.stderr()).toContain(
      `idtopo apply: the plan grants privileged roles; review them and re-run with --confirm-privileged:\n  Grant ${CUSTOM.authWrite} on contosoassets to contoso-web (custom role “Access writer”: can grant roles (Microsoft.Authorization/roleAssignments/write))`,
    )
    expect(
      Object.values(server.sandbox.snapshot().roleAssignments).some((a) =>
        a.roleDefinitionGuid.endsWith(CUSTOM.authWrite),
      ),
    ).toBe(false)
    const ok = memoryIO(files)
    expect(await runCli(apply('--confirm-privileged'), ok.io)).toBe(0)
    expect(
      Object.values(server.sandbox.snapshot().roleAssignments).some((a) =>
        a.roleDefinitionGuid.endsWith(CUSTOM.authWrite),
      ),
    ).toBe(true)
  }, 60_000)

  it('applies a benign custom role without asking', async () => {
    const m = memoryIO({
      'd.json': JSON.stringify({
        format: 'identity-topology',
        version: 1,
        ...grantDesign([CUSTOM.benign]),
      }),
    })
    expect(await runCli(apply(), m.io)).toBe(0)
  }, 60_000)
})
