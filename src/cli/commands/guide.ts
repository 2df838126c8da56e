import { CLOUD_NAMES } from '../../catalog/clouds.ts'
import { connectionGuide } from '../../guide/derive-guide.ts'
import { guideMarkdown } from '../../guide/markdown.ts'
import { LANGUAGES, type Language } from '../../guide/types.ts'
import { stableJson } from '../../lib/json.ts'
import {
  choice,
  cloudChoice,
  parseCommandArgs,
  requireFile,
  type Command,
  EXAMPLE_DESIGN,
} from '../command.ts'
import { CliError, EXIT } from '../io.ts'
import { emit, loadDesign } from '../load.ts'

const FORMATS = ['markdown', 'json'] as const

export const guideCommand: Command = {
  name: 'guide',
  summary:
    'print the connection guide: client-ID settings, endpoints and DefaultAzureCredential code',
  usage: `Usage: idtopo guide FILE [--app ID] [--language ${LANGUAGES.join('|')}] [--cloud NAME] [--format markdown|json] [--out FILE]

Prints, per app, the client-ID settings to set (the same as the plan's setAppSettings actions),
the endpoint of each service it reaches and the code that creates each client with the right
identity (C#, TypeScript, Python, Java); per developer, the roles they hold for local development.
--app limits it to one app (and leaves the developers out); --language to one language.
--cloud writes the endpoints and token audiences of another Azure cloud, named as az cloud set
--name names it: ${CLOUD_NAMES.join(', ')} (default AzureCloud).
FILE may be - to read the design from standard input.

  -a, --app ID             only this app (the developers left out)
  -l, --language LANGUAGE  only this language: ${LANGUAGES.join(', ')}
  -f, --format FORMAT      markdown (the default) or json
  -o, --out FILE           write the guide to FILE (-: standard output, as without --out)
  -h, --help               print this help

Example:
  idtopo guide ${EXAMPLE_DESIGN} --language python --out guide.md

Exit codes: 0 written, 2 invalid input.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, {
      app: { type: 'string', short: 'a' },
      language: { type: 'string', short: 'l' },
      cloud: { type: 'string' },
      format: { type: 'string', short: 'f', default: 'markdown' },
      out: { type: 'string', short: 'o' },
    })
    const format = choice(this, 'format', values.format, FORMATS)
    const language =
      values.language === undefined
        ? undefined
        : choice(this, 'language', values.language, LANGUAGES)
    const cloud = cloudChoice(this, values.cloud)
    const design = await loadDesign(io, requireFile(this, positionals), { '--out': values.out })
    const full = connectionGuide(design, { cloud })
    const appId = values.app as string | undefined
    if (appId !== undefined && !full.apps.some((a) => a.app === appId))
      throw new CliError(
        `idtopo guide: no app with id ${JSON.stringify(appId)} (apps: ${full.apps.map((a) => a.app).join(', ') || 'none'})`,
      )
    const guide =
      appId === undefined
        ? full
        : { ...full, apps: full.apps.filter((a) => a.app === appId), developers: [] }
    const text =
      format === 'json'
        ? stableJson(guide)
        : guideMarkdown(guide, language ? { languages: [language as Language] } : {})
    await emit(io, text, values.out as string | undefined, 'the connection guide')
    return EXIT.ok
  },
}
