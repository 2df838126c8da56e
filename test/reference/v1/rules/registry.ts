import { ambiguousIdentity } from './defs/ambiguous-identity.ts'
import { broadScope } from './defs/broad-scope.ts'
import { developerAccessMissing } from './defs/developer-access-missing.ts'
import { developerPreferGroup } from './defs/developer-prefer-group.ts'
import { duplicateAccess } from './defs/duplicate-access.ts'
import { hostingIdentityUnsupported } from './defs/hosting-identity-unsupported.ts'
import { identicalAccessShareIdentity } from './defs/identical-access-share-identity.ts'
import { identityNotOnApp } from './defs/identity-not-on-app.ts'
import { keyExposingRole } from './defs/key-exposing-role.ts'
import { keyvaultAccessPolicy } from './defs/keyvault-access-policy.ts'
import { missingIdentity } from './defs/missing-identity.ts'
import { nonRbacGrant } from './defs/non-rbac-grant.ts'
import { privilegedRole } from './defs/privileged-role.ts'
import { redundantRole } from './defs/redundant-role.ts'
import { roleAssignmentLimit } from './defs/role-assignment-limit.ts'
import { roleNotForService } from './defs/role-not-for-service.ts'
import { sharedIdentityOvergrant } from './defs/shared-identity-overgrant.ts'
import { unknownRole } from './defs/unknown-role.ts'
import { unusedIdentity } from './defs/unused-identity.ts'
import type { Rule } from './types.ts'

/** Every rule, in the order of PRODUCT.md §5. A meta-test keeps it complete and documented. */
export const RULES: readonly Rule[] = [
  missingIdentity,
  identityNotOnApp,
  ambiguousIdentity,
  sharedIdentityOvergrant,
  identicalAccessShareIdentity,
  unusedIdentity,
  privilegedRole,
  keyExposingRole,
  roleNotForService,
  unknownRole,
  broadScope,
  redundantRole,
  nonRbacGrant,
  keyvaultAccessPolicy,
  hostingIdentityUnsupported,
  developerAccessMissing,
  developerPreferGroup,
  duplicateAccess,
  roleAssignmentLimit,
]

const BY_ID = new Map(RULES.map((r) => [r.meta.id, r]))

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id)
}
