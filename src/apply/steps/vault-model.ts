import { SERVICES } from '../../catalog/services.ts'
import type { AccessPolicyPermissions } from '../../catalog/key-vault-access.ts'
import type { ArmGateway, CallOptions } from '../gateway.ts'

/** What a vault says of its permission model, read live: the preview picks the path from it. */
export interface VaultModel {
  /** `enableRbacAuthorization`: true, Azure RBAC; false (or absent, ARM's default), access policies. */
  readonly rbac: boolean
  readonly tenantId: string
  readonly policies: readonly {
    readonly tenantId: string
    readonly objectId: string
    readonly permissions: AccessPolicyPermissions
  }[]
}

export async function readVaultModel(
  gateway: ArmGateway,
  vaultId: string,
  o: CallOptions,
): Promise<VaultModel | undefined> {
  const vault = await gateway.getResource(vaultId, SERVICES.keyVault.apiVersion, o)
  if (!vault) return undefined
  const p = (vault.document?.properties ?? {}) as {
    enableRbacAuthorization?: boolean
    tenantId?: string
    accessPolicies?: VaultModel['policies']
  }
  return {
    rbac: p.enableRbacAuthorization === true,
    tenantId: p.tenantId ?? '',
    policies: (p.accessPolicies ?? []).map((e) => ({
      tenantId: e.tenantId,
      objectId: e.objectId,
      permissions: {
        keys: e.permissions?.keys ?? [],
        secrets: e.permissions?.secrets ?? [],
        certificates: e.permissions?.certificates ?? [],
      },
    })),
  }
}

export const RBAC_MODEL_REASON =
  'the vault uses Azure RBAC (enableRbacAuthorization is true): access policies take no effect there; set the vault’s permission model to RBAC in the design to grant the roles'

export const POLICY_MODEL_REASON =
  'the vault uses access policies (enableRbacAuthorization is false): a role assignment takes no effect there; set the vault’s permission model to access policy in the design to grant the access policy equivalent'
