import { adviceFor, isArmFailure, type ArmFailure } from './failure.ts'

/** `AuthorizationFailed (403): The client … — You need …` */
export function describeFailure(f: ArmFailure, withAdvice = false): string {
  const head = `${f.code}${f.status ? ` (${f.status})` : ''}: ${f.message}`
  const advice = withAdvice ? adviceFor(f) : undefined
  return advice ? `${head} — ${advice}` : head
}

/** Any error as one line for the user: ARM's code and message with advice, or the error's message. */
export function describeError(e: unknown): string {
  if (isArmFailure(e)) return describeFailure(e, true)
  return e instanceof Error ? e.message : String(e)
}
