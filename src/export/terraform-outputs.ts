import { hclComment, hclMultiline, hclString } from '../lib/encode/hcl.ts'
import { hclBlock } from './hcl.ts'
import { identityType, type AppOut, type ExportModel } from './model.ts'
import { scriptEngine, sqlOutputName } from './shared.ts'
import type { SymbolTable } from './symbols.ts'

/**
 * An identity block's `type` as azurerm takes it: one spelling for every resource
 * ("SystemAssigned, UserAssigned", go-azure-helpers' commonschema), where ARM's own differs by
 * provider (Container Apps and Spring apps without the space: model.ts identityType).
 */
function terraformIdentityType(app: AppOut): string {
  const type = identityType(app) ?? ''
  return type.startsWith('SystemAssigned,') ? 'SystemAssigned, UserAssigned' : type
}

/** App identity blocks, client-ID settings and SQL scripts: what Terraform cannot own here. */
export function outputs(
  model: ExportModel,
  sym: (n: string) => string,
  symbols: SymbolTable,
  identityRef: (n: string) => string,
): string[] {
  const out: string[] = []
  const withIdentity = model.apps.filter((a) => a.hosting !== 'aksWorkload' && identityType(a))
  if (withIdentity.length > 0)
    out.push(
      '',
      "# The identity block each app's own resource needs.",
      ...hclBlock('output "app_identities"', [
        'value = {',
        ...withIdentity.flatMap((app) => [
          `  ${sym(app.node)} = {`,
          `    resource_id  = local.app_ids.${sym(app.node)}`,
          `    type         = ${hclString(terraformIdentityType(app))}`,
          `    identity_ids = [${app.identities.map((i) => `${identityRef(i)}.id`).join(', ')}]`,
          '  }',
        ]),
        '}',
      ]),
    )
  const withSettings = model.apps.filter((a) => a.settings.length > 0)
  if (withSettings.length > 0)
    out.push(
      '',
      '# Client-ID settings per app (see the connection guide).',
      ...hclBlock('output "app_settings"', [
        'value = {',
        ...withSettings.flatMap((app) => [
          `  ${sym(app.node)} = {`,
          ...app.settings.map((s) => `    ${s.name} = ${identityRef(s.identity)}.client_id`),
          '  }',
        ]),
        '}',
      ]),
    )
  for (const script of [...model.sqlScripts, ...model.databaseScripts]) {
    const [first, ...rest] = hclMultiline(script.script)
    out.push(
      '',
      hclComment(
        `${scriptEngine(script)}: run in ${model.names[script.target] ?? script.target} as its Microsoft Entra admin.`,
      ),
      `output "${symbols.name(`sql:${script.target}:${script.principal.node}`, sqlOutputName(model, script))}" {`,
      `  value = ${first}`,
      ...rest,
      '}',
    )
  }
  return out
}
