/** An HCL string literal: quotes, backslashes, newlines and template sequences escaped. */
export function hclString(text: string): string {
  const body = text
    .replaceAll('\\', '\\\\')
    .replaceAll('"', '\\"')
    .replaceAll('\n', '\\n')
    .replaceAll('${', '$${')
    .replaceAll('%{', '%%{')
  return `"${body}"`
}

/** `head {` body `}`, the body indented two spaces. */
export function hclBlock(head: string, body: readonly string[]): string[] {
  return [`${head} {`, ...body.map((l) => (l === '' ? '' : `  ${l}`)), '}']
}
