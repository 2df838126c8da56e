/** `head {` body `}`, the body indented two spaces. */
export function hclBlock(head: string, body: readonly string[]): string[] {
  return [`${head} {`, ...body.map((l) => (l === '' ? '' : `  ${l}`)), '}']
}
