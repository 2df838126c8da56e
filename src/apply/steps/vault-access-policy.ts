import { coversPermissions } from '../../catalog/key-vault-access.ts'
import type { Step } from '../steps.ts'
import { noPrincipal, withoutPrincipal, type StepKind } from './step-kind.ts'
import { RBAC_MODEL_REASON, readVaultModel } from './vault-model.ts'

type VaultAccessPolicy = Extract<Step, { kind: 'vaultAccessPolicy' }>

const describe = (step: VaultAccessPolicy): string =>
  (['secrets', 'keys', 'certificates'] as const)
    .filter((k) => step.permissions[k].length > 0)
    .map((k) => `${k}: ${step.permissions[k].join(', ')}`)
    .join('; ')

/**
 * Key Vault data roles on a vault that uses access policies: the permissions they stand for are
 * added to the principal's access policy entry (`vaults/accessPolicies/add`, never `replace`, so
 * no one else's entry changes). The preview reads the vault's live `enableRbacAuthorization`.
 */
export const vaultAccessPolicy: StepKind<VaultAccessPolicy> = {
  async preview(step, { gateway, signal, principals, memo }) {
    const vaultId = step.vaultId
    if (!vaultId)
      return { step, status: 'cannot', reason: 'the Key Vault is not bound to an Azure resource' }
    const vault = await memo(`vault|${vaultId}`, () => readVaultModel(gateway, vaultId, { signal }))
    if (!vault) return { step, status: 'cannot', reason: `${vaultId} does not exist` }
    if (vault.rbac) return { step, status: 'cannot', reason: RBAC_MODEL_REASON }
    const model = 'the vault uses access policies (enableRbacAuthorization is false)'
    const principal = principals.get(step.principal)
    if (!principal) {
      const without = withoutPrincipal(step)
      return { ...without, reason: `${model}: adds ${describe(step)} (${without.reason ?? ''})` }
    }
    const held = vault.policies.find(
      (p) => p.objectId.toLowerCase() === principal.principalId.toLowerCase(),
    )
    return held && coversPermissions(held.permissions, step.permissions)
      ? { step, status: 'inPlace', reason: `${model}: its entry grants ${describe(step)}` }
      : { step, status: 'create', reason: `${model}: adds ${describe(step)}` }
  },
  async execute(step, { gateway, principals, retry, signal }) {
    const principal = principals.get(step.principal)
    if (!principal) return noPrincipal(step.principal.node)
    const vaultId = step.vaultId as string
    const vault = await retry(() => readVaultModel(gateway, vaultId, { signal }), false)
    if (!vault)
      throw { code: 'ResourceNotFound', status: 404, message: `${vaultId} was not found.` }
    await retry(
      () =>
        gateway.addVaultAccessPolicy(
          vaultId,
          {
            tenantId: vault.tenantId,
            objectId: principal.principalId,
            permissions: step.permissions,
          },
          { signal },
        ),
      true,
    )
    return {
      outcome: 'created',
      detail: `access policy added: ${describe(step)}`,
      resourceId: vaultId,
    }
  },
  target: (step) => step.vaultId,
  needs: (step) =>
    step.vaultId
      ? [{ action: 'Microsoft.KeyVault/vaults/accessPolicies/write', scope: step.vaultId }]
      : [],
  // One vault's policy writes one at a time, as the azurerm provider does (it locks the vault
  // around each access policy write): each rewrites the vault's policy list.
  lane: (step) => (step.vaultId ? `vault:${step.vaultId.toLowerCase()}` : undefined),
}
