/** A T-SQL delimited identifier: `[name]`, a closing bracket doubled. */
export function tsqlIdentifier(name: string): string {
  return `[${name.replaceAll(']', ']]')}]`
}

/** A T-SQL Unicode string literal: `N'text'`, a quote doubled. */
export function tsqlString(text: string): string {
  return `N'${text.replaceAll("'", "''")}'`
}
