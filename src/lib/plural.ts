/** `1 grant`, `3 grants`; irregular plurals are given (`identity`, `identities`). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
}
