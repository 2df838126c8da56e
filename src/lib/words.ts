/** `contoso-orders_bus` → [contoso, orders, bus]: words for variable names in any language. */
export function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
}

export function camelCase(words: readonly string[]): string {
  const out = words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('')
  return /^[0-9]/.test(out) ? `_${out}` : out
}

export function snakeCase(words: readonly string[]): string {
  const out = words.join('_')
  return /^[0-9]/.test(out) ? `_${out}` : out
}
