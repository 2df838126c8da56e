import { SERVICES } from '../../catalog/services.ts'
import type { Step } from '../steps.ts'
import type { StepKind } from './step-kind.ts'

type SqlScript = Extract<Step, { kind: 'sqlScript' }>

const ADMIN_COMMAND = {
  postgresql: 'az postgres flexible-server microsoft-entra-admin create',
  mysql: 'az mysql flexible-server ad-admin create',
} as const

/**
 * Database-side users have no ARM call: the step carries the script for the database's Microsoft
 * Entra administrator. For PostgreSQL and MySQL flexible servers the preview reads whether the
 * server has one (the prerequisite): without it nobody can run the script.
 */
export const sqlScript: StepKind<SqlScript> = {
  async preview(step, { gateway, signal }) {
    const server = step.server
    if (!server) return { step, status: 'manual', reason: step.manualReason }
    if (!server.id)
      return { step, status: 'cannot', reason: 'the server is not bound to an Azure resource' }
    const admins = await gateway.listEntraAdministrators(
      server.id,
      SERVICES[server.engine].apiVersion,
      { signal },
    )
    if (admins.length === 0)
      return {
        step,
        status: 'cannot',
        reason: `the server has no Microsoft Entra administrator to run the script: set one first (${ADMIN_COMMAND[server.engine]})`,
      }
    return {
      step,
      status: 'manual',
      reason: `${step.manualReason} (${admins.map((a) => a.login).join(', ')})`,
    }
  },
  async execute() {
    return { outcome: 'skipped', detail: 'manual: run the script in the database' }
  },
  target: (step) => step.server?.id,
  needs: () => [],
}
