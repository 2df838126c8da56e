import { cloudNamed, CLOUD_NAMES, PUBLIC_CLOUD_NAME, type CloudName } from '../catalog/clouds.ts'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { closest } from '../rules/closest.ts'
import { CliError, type CliIO } from './io.ts'

export interface Command {
  readonly name: string
  readonly summary: string
  readonly usage: string
  run(args: readonly string[], io: CliIO): Promise<number>
}

type Options = NonNullable<ParseArgsConfig['options']>

/** The design the examples of the help texts use: one in the repository, as the README's. */
export const EXAMPLE_DESIGN = 'src/templates/scenario-2-shared-identities.topology.json'

/**
 * The options that name a file to write. An empty one (`--out "$UNSET"`) would otherwise be
 * reported as a file whose folder does not exist, named by nothing (`: cannot write the file`).
 */
const PATH_OPTIONS = new Set(['out', 'report'])

/**
 * parseArgs with the help flag added and its errors turned into one-line usage errors. An option
 * given twice is one too, unless it is repeatable (`multiple`): parseArgs would keep the last,
 * and `--resource-group a … --resource-group b` would silently act on b.
 */
export function parseCommandArgs<O extends Options>(
  command: Pick<Command, 'name' | 'usage'>,
  args: readonly string[],
  options: O,
) {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } satisfies Options
  const fail = (message: string): never => {
    throw new CliError(`idtopo ${command.name}: ${message}\n\n${command.usage}`)
  }
  try {
    const parsed = parseArgs({
      args: [...args],
      options: all,
      allowPositionals: true,
      strict: true,
      tokens: true,
    })
    const seen = new Set<string>()
    for (const token of parsed.tokens) {
      if (token.kind !== 'option') continue
      if (PATH_OPTIONS.has(token.name) && token.value === '')
        fail(`--${token.name} is empty: give a file path, or - for standard output`)
      if ((all as Options)[token.name]?.multiple) continue
      if (seen.has(token.name)) fail(`--${token.name} given twice`)
      seen.add(token.name)
    }
    return parsed
  } catch (e) {
    if (e instanceof CliError) throw e
    return fail(parseError(e, all))
  }
}

/**
 * parseArgs' message, except for an unknown option: Node's says how to pass a positional that
 * starts with '-', which is rarely what happened; a misspelt option is, so name the near ones.
 */
function parseError(e: unknown, options: Options): string {
  const message = (e as Error).message
  const option = /^Unknown option '([^']*)'/.exec(message)?.[1]
  if ((e as { code?: string }).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || option === undefined)
    return message
  return `unknown option ${option}${suggestion(
    option,
    Object.keys(options).map((o) => `--${o}`),
  )}`
}

/** "; did you mean …?" naming the candidates nearest to `text`, or '' when none is near. */
export function suggestion(text: string, candidates: readonly string[]): string {
  const near = closest(text, candidates)
  return near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''
}

export function requireFile(
  command: Pick<Command, 'name' | 'usage'>,
  positionals: readonly string[],
): string {
  const [file, ...rest] = positionals
  if (file === undefined)
    throw new CliError(`idtopo ${command.name}: missing FILE\n\n${command.usage}`)
  // `check "$UNSET"`: without this, the message would name the file by nothing.
  if (file === '')
    throw new CliError(
      `idtopo ${command.name}: FILE is empty: give the path of a design file, or - for standard input`,
    )
  if (rest.length > 0)
    throw new CliError(
      `idtopo ${command.name}: unexpected argument ${JSON.stringify(rest[0])}\n\n${command.usage}`,
    )
  return file
}

/**
 * `value` when it is one of `choices`, else a usage error naming them and the nearest; a missing
 * value is an error too when the option is required (no default).
 */
export function choice<T extends string>(
  command: Pick<Command, 'name' | 'usage'>,
  option: string,
  value: string | undefined,
  choices: readonly T[],
): T {
  if (value !== undefined && (choices as readonly string[]).includes(value)) return value as T
  const given =
    value === undefined ? '' : `, not ${JSON.stringify(value)}${suggestion(value, choices)}`
  throw new CliError(
    `idtopo ${command.name}: --${option} must be one of ${choices.join(', ')}${given}\n\n${command.usage}`,
  )
}

/** --cloud by its `az cloud set --name` name in any case, as apply's --cloud takes it. */
export function cloudChoice(
  command: Pick<Command, 'name' | 'usage'>,
  value: string | undefined,
): CloudName {
  if (value === undefined) return PUBLIC_CLOUD_NAME
  return cloudNamed(value) ?? choice(command, 'cloud', value, CLOUD_NAMES)
}
