import type { Step } from '../steps.ts'
import type { StepKind } from './step-kind.ts'

type SqlScript = Extract<Step, { kind: 'sqlScript' }>

/** Database-side users have no ARM call: the step carries the script for the Entra administrator. */
export const sqlScript: StepKind<SqlScript> = {
  async preview(step) {
    return { step, status: 'manual', reason: step.manualReason }
  },
  async execute() {
    return { outcome: 'skipped', detail: 'manual: run the script in the database' }
  },
  target: () => undefined,
  needs: () => [],
}
