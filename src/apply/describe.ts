import { adviceFor, type ArmFailure } from './failure.ts'

/** `AuthorizationFailed (403): The client … — You need …` */
export function describeFailure(f: ArmFailure, withAdvice = false): string {
  const head = `${f.code}${f.status ? ` (${f.status})` : ''}: ${f.message}`
  const advice = withAdvice ? adviceFor(f) : undefined
  return advice ? `${head} — ${advice}` : head
}
