/** A reason a document is invalid, at a path such as `nodes[3].hosting`. */
export interface Problem {
  readonly path: string
  readonly message: string
}

export const DOCUMENT_PATH = '(document)'

export function formatProblem(problem: Problem): string {
  return `${problem.path}: ${problem.message}`
}

/** `['nodes', 3, 'hosting']` → `nodes[3].hosting`, appended to a prefix path. */
export function joinPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out === '' ? DOCUMENT_PATH : out
}

/** How a JSON value is named in messages: `got a number`, `got null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  switch (typeof value) {
    case 'object':
      return 'an object'
    case 'string':
      return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
    case 'number':
      return `the number ${value}`
    case 'boolean':
      return String(value)
    default:
      return typeof value
  }
}
