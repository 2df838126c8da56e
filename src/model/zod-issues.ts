import type * as z from 'zod/mini'
import { describeValue, joinPath, type Problem } from './problems.ts'

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
  int: 'an integer',
}

/** Messages for zod issues in the voice of the file format: what was expected, what was found. */
export const describeIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required'
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`
    case 'invalid_value':
      if (issue.input === undefined) {
        return `required: expected ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.join(', ')}`}`
      }
      if (issue.values.length === 1)
        return `expected ${JSON.stringify(issue.values[0])}, got ${describeValue(issue.input)}`
      return `expected one of ${issue.values.join(', ')}, got ${describeValue(issue.input)}`
    case 'too_small':
      if (issue.origin === 'array') return 'must not be empty'
      if (issue.origin === 'string') return 'must not be empty'
      return `must be at least ${String(issue.minimum)}`
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters`
      return `must be at most ${String(issue.maximum)}`
    default:
      return undefined
  }
}

export function issuesToProblems(prefix: string, issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.map((issue) => ({ path: joinPath(prefix, issue.path), message: issue.message }))
}
