import { describeFailure } from '../apply/describe.ts'
import { isArmFailure } from '../apply/failure.ts'
import type { ArmGateway } from '../apply/gateway.ts'
import { withReadRetries } from '../apply/reading.ts'
import { systemClock } from '../azure/system-clock.ts'
import { terminalText } from '../lib/encode/terminal.ts'
import { connectTarget, signInFailure, signInOf, type Connection } from './apply-connection.ts'
import { requireTarget } from './azure-flags.ts'
import { CliError, EXIT } from './io.ts'

export interface ReadingTarget {
  readonly connection: Connection
  /** The gateway with reads retried on 429, 5xx and network errors, as apply reads. */
  readonly gateway: ArmGateway
  readonly subscriptionId: string
  readonly resourceGroup: string
  /** The group's location (where unbound identities would be created). */
  readonly location: string
}

/**
 * `--subscription`, `--resource-group` and `--sandbox` (with sign-in flags) checked and connected,
 * for the commands that read a resource group (import, drift).
 */
export async function readingTarget(
  command: string,
  usage: string,
  values: Record<string, unknown>,
  progress?: (line: string) => void,
): Promise<ReadingTarget> {
  const { subscriptionId, resourceGroup } = requireTarget(command, usage, values)
  const connection = await connectTarget(
    values.sandbox as string | undefined,
    () => {},
    signInOf(command, values),
    {
      command,
      // PRODUCT.md §12: 2 for bad flags, 1 when ARM fails (a sandbox that does not answer, or a
      // sign-in that fails, too).
      unreachableExit: EXIT.findings,
      ...(progress ? { progress } : {}),
    },
  )
  const gateway = withReadRetries(connection.gateway, { clock: systemClock, random: Math.random })
  // The group's own spelling and location when the caller may list groups; a caller who may read
  // only some resources of it does not see it listed, and still reads what it may.
  const groups = await gateway.listResourceGroups(subscriptionId).catch(() => [])
  const group = groups.find((g) => g.name.toLowerCase() === resourceGroup.toLowerCase())
  return {
    connection,
    gateway,
    subscriptionId,
    resourceGroup: group?.name ?? resourceGroup,
    location: group?.location ?? '',
  }
}

/**
 * An ARM read whose failure ends the command with exit 1 and ARM's code, message and advice, on
 * one line whatever ARM's message holds (`what` is made terminal-safe by the caller).
 */
export async function armRead<T>(
  command: string,
  what: string,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read()
  } catch (e) {
    // A sign-in that fails after the first (a token renewed; the read retries meanwhile took it
    // for a dropped connection): said as what it is.
    const signIn = signInFailure(command, e)
    if (signIn) throw new CliError(signIn, EXIT.findings)
    if (isArmFailure(e))
      throw new CliError(
        `idtopo ${command}: ${what}: ${terminalText(describeFailure(e, true))}`,
        EXIT.findings,
      )
    throw e
  }
}
