/** JSON with two-space indent and a final newline: what every file this tool writes looks like. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}
