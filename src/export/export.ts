import { assertNever } from '../lib/assert.ts'
import type { Design } from '../model/types.ts'
import { planFileName } from '../plan/export.ts'
import { toAzureCli } from './azcli.ts'
import { toBicep } from './bicep.ts'
import { HOSTING } from '../catalog/hosting.ts'
import { IDENTITY_NAME_RULE, isIdentityName } from '../model/azure-formats.ts'
import { exportModel, type AppOut, type ExportOptions, type IdentityOut } from './model.ts'
import { toTerraform } from './terraform.ts'

export const EXPORT_FORMATS = ['bicep', 'terraform', 'cli'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const EXPORT_LABELS: Readonly<Record<ExportFormat, string>> = {
  bicep: 'Bicep',
  terraform: 'Terraform',
  cli: 'Azure CLI script',
}

/** A design the exports cannot write correct code for, with every node that stops them. */
export class ExportError extends Error {}

/**
 * A child resource (`Microsoft.Sql/servers/databases`, `Microsoft.AppPlatform/Spring/apps`) is
 * named in ARM with its parent's name first, `server/database`: an unbound node named otherwise
 * would export an id with an empty segment, or a Bicep `existing` of the wrong depth.
 */
function childNameProblem(r: { node: string; name: string; armType: string; resourceId?: string }) {
  const depth = r.armType.split('/').length - 1
  if (r.resourceId !== undefined || depth < 2) return []
  const parts = r.name.split('/')
  if (parts.length === depth && parts.every((p) => p.trim() !== '')) return []
  const shape = r.armType.split('/').slice(1).join('/').replace(/s\b/g, '')
  return [
    `${JSON.stringify(r.node)} is named ${JSON.stringify(r.name)}: a ${r.armType} is named "<${shape.split('/').join('>/<')}>" in Azure; rename it so, or bind it (azure.resourceId)`,
  ]
}

/**
 * An app with more identities than its hosting takes (a Logic App: one): ARM refuses the identity
 * object the exports would write for it (check's hosting-identity-unsupported says so too).
 */
function identityCountProblem(app: AppOut) {
  const { maxIdentities, label } = HOSTING[app.hosting]
  const count = (app.systemAssigned ? 1 : 0) + app.identities.length
  if (maxIdentities === undefined || count <= maxIdentities) return []
  return [
    `${JSON.stringify(app.node)} has ${count} identities: a ${label} can use only ${maxIdentities} managed identit${maxIdentities === 1 ? 'y' : 'ies'}`,
  ]
}

/**
 * An identity the export creates (not bound to an existing one) under a name ARM refuses: the
 * deployment would fail on it, as apply's Bind step says (apply/identity-names.ts).
 */
function identityNameProblem(identity: IdentityOut) {
  if (identity.resourceId !== undefined || isIdentityName(identity.name)) return []
  return [
    `${JSON.stringify(identity.node)} is named ${JSON.stringify(identity.name)}: in Azure ${IDENTITY_NAME_RULE}; rename it, or bind it (azure.resourceId)`,
  ]
}

/** The identity layer of a design in one IaC format, from its plan (bound where ids are known). */
export function exportDesign(
  design: Design,
  format: ExportFormat,
  options: ExportOptions = {},
): string {
  const model = exportModel(design, options)
  const problems = [
    ...[...model.apps, ...model.services].flatMap(childNameProblem),
    ...model.apps.flatMap(identityCountProblem),
    ...model.identities.flatMap(identityNameProblem),
  ]
  if (problems.length > 0)
    throw new ExportError(
      `cannot export ${problems.length === 1 ? 'this node' : 'these nodes'} as drawn: ${problems.join('; ')}`,
    )
  switch (format) {
    case 'bicep':
      return toBicep(model)
    case 'terraform':
      return toTerraform(model)
    case 'cli':
      return toAzureCli(model)
    default:
      return assertNever(format)
  }
}

const EXTENSIONS: Readonly<Record<ExportFormat, string>> = {
  bicep: 'identity.bicep',
  terraform: 'identity.tf',
  cli: 'identity.sh',
}

/** `Receipts platform` + bicep → `receipts-platform.identity.bicep` (named like the plan file). */
export function exportFileName(designName: string, format: ExportFormat): string {
  return planFileName(designName).replace(/\.plan\.json$/, `.${EXTENSIONS[format]}`)
}
