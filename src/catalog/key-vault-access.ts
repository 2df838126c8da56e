/**
 * The vault access policy equivalent of each Key Vault data role, for vaults that use the access
 * policy permission model (`enableRbacAuthorization: false`), where role assignments take no
 * effect. From Microsoft Learn "Migrate from vault access policy to an Azure role-based access
 * control permission model" (its template-to-role mapping) and each role's data actions; the
 * names are the access policy permission values of Microsoft.KeyVault (keys, secrets,
 * certificates: `all`, `get`, `list`, `wrapKey`, …).
 */
export interface AccessPolicyPermissions {
  readonly keys: readonly string[]
  readonly secrets: readonly string[]
  readonly certificates: readonly string[]
}

const none = { keys: [], secrets: [], certificates: [] } as const

export const VAULT_ACCESS_POLICY: Readonly<Record<string, AccessPolicyPermissions>> = {
  'Key Vault Administrator': { keys: ['all'], secrets: ['all'], certificates: ['all'] },
  'Key Vault Reader': { keys: ['list'], secrets: ['list'], certificates: ['list'] },
  'Key Vault Secrets Officer': { ...none, secrets: ['all'] },
  'Key Vault Secrets User': { ...none, secrets: ['get', 'list'] },
  'Key Vault Crypto Officer': { ...none, keys: ['all'] },
  'Key Vault Crypto User': {
    ...none,
    keys: ['get', 'list', 'encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'sign', 'verify'],
  },
  'Key Vault Crypto Service Encryption User': {
    ...none,
    keys: ['get', 'list', 'wrapKey', 'unwrapKey'],
  },
  'Key Vault Certificates Officer': { ...none, certificates: ['all'] },
  // The certificate's private part is read as a secret.
  'Key Vault Certificate User': { ...none, secrets: ['get'], certificates: ['get', 'list'] },
}

/** The union of several roles' permissions, `all` absorbing the rest; in a stable order. */
export function mergePermissions(
  list: readonly AccessPolicyPermissions[],
): AccessPolicyPermissions {
  const merge = (pick: (p: AccessPolicyPermissions) => readonly string[]): string[] => {
    const all = new Set(list.flatMap(pick))
    return all.has('all') ? ['all'] : [...all].sort()
  }
  return {
    keys: merge((p) => p.keys),
    secrets: merge((p) => p.secrets),
    certificates: merge((p) => p.certificates),
  }
}

/** Does `have` grant everything in `want` (`all` covers any permission)? Case-insensitive. */
export function coversPermissions(
  have: AccessPolicyPermissions,
  want: AccessPolicyPermissions,
): boolean {
  const covers = (h: readonly string[], w: readonly string[]): boolean => {
    const set = new Set(h.map((x) => x.toLowerCase()))
    return set.has('all') || w.every((x) => set.has(x.toLowerCase()))
  }
  return (
    covers(have.keys, want.keys) &&
    covers(have.secrets, want.secrets) &&
    covers(have.certificates, want.certificates)
  )
}
