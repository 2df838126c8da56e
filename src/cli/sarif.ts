import { INTERNAL_ERROR_RULE } from '../rules/engine.ts'
import { RULES } from '../rules/registry.ts'
import type { Finding, Severity } from '../rules/types.ts'
import type { Design } from '../model/types.ts'
import packageJson from '../../package.json'

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
}

const INFORMATION_URI =
  'https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/overview'

/** Rule descriptors: every registered rule, plus internal-error when a rule crashed. */
function descriptors(findings: readonly Finding[]) {
  const rules = RULES.map(({ meta }) => ({
    id: meta.id,
    name: meta.id,
    shortDescription: { text: meta.description },
    helpUri: meta.learnMore,
    help: { text: `${meta.description} Run \`idtopo explain ${meta.id}\` for the full page.` },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { subject: meta.subject },
  }))
  if (findings.some((f) => f.rule === INTERNAL_ERROR_RULE))
    rules.push({
      id: INTERNAL_ERROR_RULE,
      name: INTERNAL_ERROR_RULE,
      shortDescription: { text: 'A rule failed while checking the design.' },
      helpUri: INFORMATION_URI,
      help: { text: 'A rule threw an error; the other rules still ran. Please report it.' },
      defaultConfiguration: { level: 'error' },
      properties: { subject: 'design' },
    })
  return rules
}

/** The 1-based line of `"id": "<id>"` in the file text, so code scanning can point at it. */
function lineOf(text: string | undefined, id: string): number | undefined {
  if (text === undefined) return undefined
  const escaped = JSON.stringify(id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const match = new RegExp(`"id"\\s*:\\s*${escaped}`).exec(text)
  if (!match) return undefined
  let line = 1
  for (let i = 0; i < match.index; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

/**
 * The findings as SARIF 2.1.0, so that pipelines (GitHub code scanning, Azure DevOps) show them:
 * one result per finding with its rule id and level, the design file as the artifact, and the
 * subject as a logical location (a node or an edge of the design, or the design itself).
 */
export function findingsSarif(
  file: string,
  design: Design,
  findings: readonly Finding[],
  text?: string,
  version: string = packageJson.version,
): unknown {
  const rules = descriptors(findings)
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]))
  const kinds = new Map<string, string>([
    ...design.nodes.map((n): [string, string] => [n.id, `${n.kind} node`]),
    ...design.edges.map((e): [string, string] => [e.id, `${e.kind} edge`]),
  ])
  const uri = file.replace(/\\/g, '/')
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'idtopo', version, informationUri: INFORMATION_URI, rules },
        },
        artifacts: [{ location: { uri } }],
        results: findings.map((f) => {
          const line = f.subject === null ? undefined : lineOf(text, f.subject)
          return {
            ruleId: f.rule,
            ruleIndex: ruleIndex.get(f.rule),
            level: LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri, index: 0 },
                  ...(line !== undefined ? { region: { startLine: line } } : {}),
                },
                logicalLocations: [
                  f.subject === null
                    ? { name: design.name, kind: 'module' }
                    : {
                        name: f.subject,
                        fullyQualifiedName: `${design.name}/${f.subject}`,
                        kind: kinds.get(f.subject) ?? 'object',
                      },
                ],
              },
            ],
            ...(f.related && f.related.length > 0
              ? {
                  relatedLocations: f.related.map((id, i) => ({
                    id: i + 1,
                    logicalLocations: [{ name: id, kind: kinds.get(id) ?? 'object' }],
                  })),
                }
              : {}),
            partialFingerprints: { 'idtopo/subject/v1': `${f.rule}|${f.subject ?? ''}` },
          }
        }),
      },
    ],
  }
}
