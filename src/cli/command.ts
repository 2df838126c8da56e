import { parseArgs, type ParseArgsConfig } from 'node:util'
import { CliError, type CliIO } from './io.ts'

export interface Command {
  readonly name: string
  readonly summary: string
  readonly usage: string
  run(args: readonly string[], io: CliIO): Promise<number>
}

type Options = NonNullable<ParseArgsConfig['options']>

/** parseArgs with the help flag added and its errors turned into one-line usage errors. */
export function parseCommandArgs<O extends Options>(
  command: Pick<Command, 'name' | 'usage'>,
  args: readonly string[],
  options: O,
) {
  try {
    return parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    })
  } catch (e) {
    throw new CliError(`idtopo ${command.name}: ${(e as Error).message}\n\n${command.usage}`)
  }
}

export function requireFile(
  command: Pick<Command, 'name' | 'usage'>,
  positionals: readonly string[],
): string {
  const [file, ...rest] = positionals
  if (file === undefined)
    throw new CliError(`idtopo ${command.name}: missing FILE\n\n${command.usage}`)
  if (rest.length > 0)
    throw new CliError(
      `idtopo ${command.name}: unexpected argument ${JSON.stringify(rest[0])}\n\n${command.usage}`,
    )
  return file
}
