/** An OData string literal, as a Microsoft Graph or ARM `$filter` reads it: `'text'`, a quote doubled. */
export function odataString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}
