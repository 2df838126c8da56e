import { assertNever } from '../lib/assert.ts'
import type { Design } from '../model/types.ts'
import { planFileName } from '../plan/export.ts'
import { toAzureCli } from './azcli.ts'
import { toBicep } from './bicep.ts'
import { exportModel, type ExportOptions } from './model.ts'
import { toTerraform } from './terraform.ts'

export const EXPORT_FORMATS = ['bicep', 'terraform', 'cli'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const EXPORT_LABELS: Readonly<Record<ExportFormat, string>> = {
  bicep: 'Bicep',
  terraform: 'Terraform',
  cli: 'Azure CLI script',
}

/** The identity layer of a design in one IaC format, from its plan (bound where ids are known). */
export function exportDesign(
  design: Design,
  format: ExportFormat,
  options: ExportOptions = {},
): string {
  const model = exportModel(design, options)
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
