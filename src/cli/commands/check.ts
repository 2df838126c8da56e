import { checkDesign, countFindings } from '../../rules/engine.ts'
import type { Finding } from '../../rules/types.ts'
import { stableJson } from '../../lib/json.ts'
import { choice, EXAMPLE_DESIGN, parseCommandArgs, requireFile, type Command } from '../command.ts'
import { EXIT } from '../io.ts'
import { readDesign } from '../load.ts'
import { formatFindingsText } from '../format-findings.ts'
import { findingsSarif } from '../sarif.ts'

const FORMATS = ['text', 'json', 'sarif'] as const

/** The JSON shape of PRODUCT.md §8: findings without fixes, and counts by severity. */
export function findingsJson(findings: readonly Finding[]): unknown {
  return {
    findings: findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      subject: f.subject,
      message: f.message,
      ...(f.related && f.related.length > 0 ? { related: f.related } : {}),
    })),
    counts: countFindings(findings),
  }
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'check a design against the best-practice rules',
  usage: `Usage: idtopo check FILE [--format text|json|sarif]

Prints the findings of every rule. FILE may be - to read the design from standard input.

  -f, --format FORMAT  text (the default): the findings, grouped and coloured on a terminal;
                       json: { "findings": [ { rule, severity, subject, message, related? } ],
                       "counts": { error, warning, info } };
                       sarif: SARIF 2.1.0 for code scanning in pipelines
  -h, --help           print this help

Example:
  idtopo check ${EXAMPLE_DESIGN} --format json

Exit codes: 0 no errors, 1 errors found, 2 invalid input (message on stderr).`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, {
      format: { type: 'string', short: 'f', default: 'text' },
    })
    const format = choice(this, 'format', values.format, FORMATS)
    const file = requireFile(this, positionals)
    const { design, text } = await readDesign(io, file)
    const findings = checkDesign(design)
    if (format === 'sarif') io.stdout(stableJson(findingsSarif(file, design, findings, text)))
    else
      io.stdout(
        format === 'json'
          ? stableJson(findingsJson(findings))
          : formatFindingsText(file, findings, io.color),
      )
    return countFindings(findings).error > 0 ? EXIT.findings : EXIT.ok
  },
}
