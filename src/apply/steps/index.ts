import type { Step, StepKindName } from '../steps.ts'
import { assignCosmosDataRole } from './assign-cosmos-data-role.ts'
import { assignRole } from './assign-role.ts'
import { configureIdentity } from './configure-identity.ts'
import { createIdentity } from './create-identity.ts'
import { federateIdentity } from './federate-identity.ts'
import { setAppSettings } from './set-app-settings.ts'
import { redisAccessPolicy } from './redis-access-policy.ts'
import { sqlScript } from './sql-script.ts'
import { vaultAccessPolicy } from './vault-access-policy.ts'
import type { StepKind } from './step-kind.ts'

/** Every step kind, by name: a new kind is a new file here, and the compiler asks for it. */
export const STEP_KINDS: { readonly [K in StepKindName]: StepKind<Extract<Step, { kind: K }>> } = {
  createIdentity,
  configureIdentity,
  federateIdentity,
  assignRole,
  assignCosmosDataRole,
  vaultAccessPolicy,
  redisAccessPolicy,
  setAppSettings,
  sqlScript,
}

/** The kind of a step, typed for that step. */
export const kindOf = (step: Step): StepKind<Step> =>
  STEP_KINDS[step.kind] as unknown as StepKind<Step>
