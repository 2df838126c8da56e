import { countFindings } from '../rules/engine.ts'
import { SEVERITIES, type Finding, type Severity } from '../rules/types.ts'
import { terminalText as t } from '../lib/encode/terminal.ts'

const COLORS: Record<Severity, string> = {
  error: '\x1b[31m',
  warning: '\x1b[33m',
  info: '\x1b[36m',
}
const DIM = '\x1b[2m'
const RESET = '\x1b[0m'

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/** Findings grouped by severity, each with its subject and rule id; colour only on a terminal. */
export function formatFindingsText(
  file: string,
  findings: readonly Finding[],
  color: boolean,
): string {
  const paint = (code: string, text: string): string => (color ? `${code}${text}${RESET}` : text)
  const counts = countFindings(findings)
  const lines = [
    `${t(file)}: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info`,
  ]
  for (const severity of SEVERITIES) {
    const group = findings.filter((f) => f.severity === severity)
    if (group.length === 0) continue
    lines.push('', paint(COLORS[severity], `${severity.toUpperCase()} (${group.length})`))
    for (const f of group) {
      // Messages name nodes: no name may colour, move or rewrite the lines around it.
      lines.push(`  ${t(f.subject ?? '(design)')}  ${t(f.message)}  ${paint(DIM, f.rule)}`)
    }
  }
  return `${lines.join('\n')}\n`
}
