/**
 * Aligns `=` the way `terraform fmt` does (hashicorp/hcl hclwrite/format.go, formatCells): a
 * line takes part when its `=` starts a whole single-line expression (net brackets zero outside
 * strings; `name = {` opening a multi-line value does not); runs of such consecutive lines, at any
 * indentation, get their `=` one space after the longest lead. Blank lines, comments, block
 * headers, closers and heredoc bodies end a run. Pure text in, text out.
 */
export function alignHcl(lines: readonly string[]): string[] {
  const out = [...lines]
  let run: { at: number; lead: string; rest: string }[] = []
  const close = (): void => {
    const width = Math.max(...run.map((r) => r.lead.length))
    for (const r of run) out[r.at] = `${r.lead.padEnd(width)} = ${r.rest}`
    run = []
  }
  let heredoc: string | undefined
  lines.forEach((line, at) => {
    if (heredoc !== undefined) {
      if (line.trim() === heredoc) heredoc = undefined
      if (run.length) close()
      return
    }
    const cell = assignCell(line)
    if (cell) run.push({ at, ...cell })
    else if (run.length) close()
    const opens = /<<-?([A-Za-z_]\w*)\s*$/.exec(line)
    if (opens) heredoc = opens[1]
  })
  if (run.length) close()
  return out
}

/** `  key = value` → lead `  key`, rest `value`, when the value is a whole expression. */
function assignCell(line: string): { lead: string; rest: string } | undefined {
  const m = /^(\s*(?:[A-Za-z_][\w-]*|"(?:[^"\\]|\\.)*"))\s*=(?!=)\s*(.*)$/.exec(line)
  if (!m || m[2] === undefined || m[1] === undefined) return undefined
  return netBrackets(m[2]) === 0 ? { lead: m[1], rest: m[2] } : undefined
}

/** Opening minus closing brackets outside string literals (an interpolation nets zero). */
function netBrackets(text: string): number {
  let net = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') inString = true
    else if (c === '#') break
    else if (c === '{' || c === '[' || c === '(') net++
    else if (c === '}' || c === ']' || c === ')') net--
  }
  return net
}
