/**
 * A value in an ADO.NET connection string (`Key=value;…`, as SqlConnectionStringBuilder reads
 * it): double-quoted, inner quotes doubled, when it holds a `;`, a quote or outer whitespace, so
 * that a name cannot add keys such as another `Server=`.
 */
export function adoNetValue(value: string): string {
  return /[;'"]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/**
 * A value in an ODBC connection string: in braces, a closing brace doubled, when it holds anything
 * but letters, digits and `. : , -` (the ODBC specification's brace form for values with
 * `[]{}(),;?*=!@` and spaces), so that a name cannot add attributes.
 */
export function odbcValue(value: string): string {
  return /^[A-Za-z0-9.:,<>-]*$/.test(value) ? value : `{${value.replaceAll('}', '}}')}}`
}
