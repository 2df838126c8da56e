// Hostile names through the connection guide: each app's code parses in its language (the
// TypeScript compiler, python3's ast and tokenize, javac's scanner, a C# tokenizer) into exactly
// the tokens of the same design under plain names, so names only ever sit in strings and
// comments, and each endpoint string holds the service's name exactly. The Markdown has the
// same blocks, headings, table rows and list items as the plain twin's.
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { SERVICES } from '@/catalog/services.ts'
import { connectionGuide } from '@/guide/derive-guide.ts'
import { guideMarkdown } from '@/guide/markdown.ts'
import { appSnippet } from '@/guide/snippets/assemble.ts'
import { jdbcUrl } from '@/guide/snippets/java.ts'
import type { AppGuide, Language } from '@/guide/types.ts'
import { UNSAFE_BUT_NEWLINE } from '@/lib/encode/chars.ts'
import { parseArmId } from '@/model/arm-id.ts'
import { SERVICE_KINDS } from '@/model/kinds.ts'
import type { Design } from '@/model/types.ts'
import { design } from '../support/builder.ts'
import {
  csharpTokens,
  HAS_JAVA,
  javaTokens,
  javaUnit,
  pythonTokens,
  typescriptTokens,
  type CodeTokens,
} from '../support/code-syntax.ts'
import { exploitCases, hostileCase, type HostileCase } from '../support/hostile-designs.ts'
import { CANARY, hostileName } from '../support/hostile.ts'
import { needsTool } from '../support/tools.ts'

/** Issue 10's reproduced attacks, run before the random cases. */
const EXPLOITS = exploitCases().map((c): [HostileCase] => [c])

vi.setConfig({ testTimeout: 300_000 })

const SUB = '11111111-1111-1111-1111-111111111111'

/**
 * The endpoints a snippet writes as string literals: SQL builds its own from the server, a
 * Service Bus or Event Hubs connection whose roles neither send nor receive (a role of another
 * service drawn on it) gets no sender or receiver, so no endpoint, in some languages, Java's
 * OpenAI client takes the v1 API's base URL (the endpoint, then `openai/v1/`), and Java's
 * PostgreSQL and MySQL connections a JDBC URL holding the host (percent-encoded but for the
 * characters of a host name). Redis, PostgreSQL and MySQL hosts are string literals elsewhere.
 */
function endpoints(app: AppGuide, language: Language): string[] {
  return app.connections
    .filter((c) => c.serviceKind !== 'sql')
    .filter(
      (c) =>
        !(c.serviceKind === 'serviceBus' || c.serviceKind === 'eventHubs') ||
        c.canSend ||
        c.canReceive,
    )
    .flatMap((c) =>
      c.clients.flatMap((u) => {
        if (!('endpoint' in u)) return []
        if (language !== 'java') return [u.endpoint]
        if (u.sdk === 'openAI') return [`${u.endpoint}openai/v1/`]
        return [
          u.sdk === 'postgresql' || u.sdk === 'mysql' ? jdbcUrl(u.sdk, u.endpoint) : u.endpoint,
        ]
      }),
    )
}

function pairs(design: Design, twin: Design): [AppGuide, AppGuide][] {
  const [a, b] = [connectionGuide(design).apps, connectionGuide(twin).apps]
  expect(a.map((x) => x.app)).toEqual(b.map((x) => x.app))
  return a.map((x, i) => [x, b[i]!])
}

function check(read: CodeTokens, plain: CodeTokens, app: AppGuide, language: Language): void {
  expect(read.errors).toEqual([])
  expect(read.kinds).toEqual(plain.kinds)
  for (const endpoint of endpoints(app, language)) expect(read.strings).toContain(endpoint)
}

/**
 * TypeScript and C#, which read in-process: no raw control in the app's code, and the plain twin's
 * tokens with each endpoint a string. The hostile code's tokens, per language.
 */
function checkInProcess(app: AppGuide, plain: AppGuide): CodeTokens[] {
  return (
    [
      ['typescript', typescriptTokens],
      ['csharp', csharpTokens],
    ] as const
  ).map(([language, read]) => {
    const code = appSnippet(app, language)
    expect(code).not.toMatch(UNSAFE_BUT_NEWLINE)
    const tokens = read(code)
    check(tokens, read(appSnippet(plain, language)), app, language)
    return tokens
  })
}

describe('code snippets with hostile names', () => {
  const each = (language: Language, read: (code: string) => CodeTokens) =>
    it(`${language}: parses into the plain design's tokens, the names in strings and comments only`, () => {
      fc.assert(
        fc.property(hostileCase(), ({ design, twin }) => {
          for (const [app, plain] of pairs(design, twin)) {
            if (app.connections.length === 0) continue
            const code = appSnippet(app, language)
            expect(code).not.toMatch(UNSAFE_BUT_NEWLINE)
            check(read(code), read(appSnippet(plain, language)), app, language)
          }
        }),
        { examples: EXPLOITS, numRuns: 30, endOnFailure: true },
      )
    })
  each('typescript', typescriptTokens)
  each('csharp', csharpTokens)

  it('python: ast.parse accepts it, and tokenize reads the plain design’s tokens', () => {
    fc.assert(
      fc.property(hostileCase(), ({ design, twin }) => {
        const apps = pairs(design, twin).filter(([app]) => app.connections.length > 0)
        const read = pythonTokens(
          apps.flatMap(([app, plain]) => [appSnippet(app, 'python'), appSnippet(plain, 'python')]),
        )
        apps.forEach(([app], i) => check(read[2 * i]!, read[2 * i + 1]!, app, 'python'))
      }),
      { examples: EXPLOITS, numRuns: 6, endOnFailure: true },
    )
  })

  it.skipIf(!HAS_JAVA)(
    needsTool('java: javac’s scanner reads the plain design’s tokens', 'java', HAS_JAVA),
    () => {
      fc.assert(
        fc.property(hostileCase(), ({ design, twin }) => {
          const apps = pairs(design, twin).filter(([app]) => app.connections.length > 0)
          const read = javaTokens(
            apps.flatMap(([app, plain]) => [
              javaUnit(appSnippet(app, 'java')),
              javaUnit(appSnippet(plain, 'java')),
            ]),
          )
          apps.forEach(([app], i) => check(read[2 * i]!, read[2 * i + 1]!, app, 'java'))
        }),
        { examples: EXPLOITS, numRuns: 3, endOnFailure: true },
      )
    },
  )
})

/**
 * The Redis, PostgreSQL and MySQL clients with hostile names in every place a name reaches them:
 * the host (a cache or server named by its node), the database user (an identity's or app's
 * name, which the plan's script creates), and the client IDs of a user-assigned identity, a
 * system-assigned one and an AKS workload's. Random designs seldom hold all three services.
 */
describe('Redis, PostgreSQL and MySQL clients with hostile names', () => {
  const NAMES: Readonly<Record<string, string>> = {
    web: `web"; System.exit(1); //\n\\u000a */ \${process.exit()}`,
    aks: `aks'''\n"""\nimport os; os.system("touch ${CANARY}")`,
    mi1: 'mi?sslmode=disable&authenticationPluginClassName=x#',
    mi2: `mi\\"\u202e$(touch ${CANARY})`,
    cache: 'cache?password=x&user=y/../:6379 `',
    pg: 'pg?sslmode=disable&authenticationPluginClassName=evil.Plugin#',
    my: 'my?sslMode=DISABLED&defaultAuthenticationPlugin=x,Server=evil;',
  }
  const build = (name: (id: string) => string): Design =>
    design()
      .app('web', { name: name('web'), systemAssigned: true })
      .app('aks', { name: name('aks'), hosting: 'aksWorkload' })
      .identity('mi1', { name: name('mi1') })
      .identity('mi2', { name: name('mi2') })
      .service('cache', 'redis', { name: name('cache') })
      .service('pg', 'postgresql', { name: name('pg') })
      .service('my', 'mysql', { name: name('my') })
      .attach('web', 'mi1')
      .attach('web', 'mi2')
      .attach('aks', 'mi1')
      .access('web', 'cache', ['Data Contributor'], { via: 'mi1' })
      .access('web', 'pg', ['pg_read_all_data'], { via: 'mi2' })
      .access('web', 'my', ['SELECT'], { via: 'system' })
      .access('aks', 'cache', ['Data Reader'], { via: 'mi1' })
      .access('aks', 'pg', ['pg_write_all_data'], { via: 'mi1' })
      .access('aks', 'my', ['INSERT'], { via: 'mi1' })
      .build()
  const hostile = build((id) => NAMES[id]!)
  const plain = build((id) => `plain-${id}`)

  it('each language reads the plain twin’s tokens, each host and database user a string', () => {
    const apps = pairs(hostile, plain)
    expect(apps.flatMap(([app]) => app.connections.map((c) => c.clients[0]?.sdk))).toEqual([
      'redis',
      'postgresql',
      'mysql',
      'redis',
      'postgresql',
      'mysql',
    ])
    const users = (app: AppGuide): string[] =>
      app.connections.flatMap((c) => (c.databaseUser ? [c.databaseUser] : []))
    expect(apps.flatMap(([app]) => users(app))).toEqual([
      NAMES['mi2'],
      NAMES['web'],
      NAMES['mi1'],
      NAMES['mi1'],
    ])
    for (const [app, twin] of apps)
      for (const tokens of checkInProcess(app, twin))
        for (const user of users(app)) expect(tokens.strings).toContain(user)
    const python = pythonTokens(
      apps.flatMap(([app, twin]) => [appSnippet(app, 'python'), appSnippet(twin, 'python')]),
    )
    apps.forEach(([app], i) => {
      check(python[2 * i]!, python[2 * i + 1]!, app, 'python')
      for (const user of users(app)) expect(python[2 * i]!.strings).toContain(user)
    })
    if (!HAS_JAVA) return
    const java = javaTokens(
      apps.flatMap(([app, twin]) => [
        javaUnit(appSnippet(app, 'java')),
        javaUnit(appSnippet(twin, 'java')),
      ]),
    )
    apps.forEach(([app], i) => {
      check(java[2 * i]!, java[2 * i + 1]!, app, 'java')
      for (const user of users(app)) expect(java[2 * i]!.strings).toContain(user)
    })
  })

  it('a name adds no parameter to a JDBC URL: the host is percent-encoded but for host-name characters', () => {
    const params = (url: string): string[] => [
      ...new URL(url.slice('jdbc:'.length)).searchParams.keys(),
    ]
    expect(params(jdbcUrl('postgresql', `${NAMES['pg']!}.postgres.database.azure.com`))).toEqual([
      'sslmode',
      'authenticationPluginClassName',
    ])
    expect(params(jdbcUrl('mysql', `${NAMES['my']!}.mysql.database.azure.com`))).toEqual([
      'sslMode',
      'defaultAuthenticationPlugin',
      'authenticationPlugins',
    ])
    expect(jdbcUrl('postgresql', 'pg-contoso.postgres.database.azure.com')).toMatch(
      /^jdbc:postgresql:\/\/pg-contoso\.postgres\.database\.azure\.com:5432\/<database>\?/,
    )
    expect(jdbcUrl('mysql', 'a b?c')).toMatch(/^jdbc:mysql:\/\/a%20b%3Fc:3306\//)
  })
})

/**
 * The block structure of a Markdown text as CommonMark and GFM read it, line by line: fenced code
 * (opened and closed by backtick runs), headings by level, table rows by their cell count
 * (pipes not escaped), list items, blank lines, paragraphs.
 */
function markdownShape(text: string): string[] {
  const shape: string[] = []
  let fence: string | undefined
  for (const line of text.split('\n')) {
    const run = /^ {0,3}(`{3,})/.exec(line)?.[1]
    if (fence !== undefined) {
      if (run !== undefined && run.length >= fence.length && line.trim() === run) {
        shape.push('fence-close')
        fence = undefined
      } else shape.push('code')
    } else if (run !== undefined) {
      fence = run
      shape.push('fence-open')
    } else if (/^#{1,6} /.test(line)) shape.push(`h${/^#+/.exec(line)![0].length}`)
    else if (line.startsWith('|')) shape.push(`row:${line.replace(/\\./g, '').split('|').length}`)
    else if (line.startsWith('- ')) shape.push('item')
    else shape.push(line === '' ? 'blank' : 'text')
  }
  return shape
}

describe('the Markdown guide with hostile names', () => {
  it('has the plain design’s blocks, headings, table rows and list items, and no raw control', () => {
    fc.assert(
      fc.property(hostileCase(), ({ design, twin }) => {
        const text = guideMarkdown(connectionGuide(design))
        expect(text).not.toMatch(UNSAFE_BUT_NEWLINE)
        expect(markdownShape(text)).toEqual(markdownShape(guideMarkdown(connectionGuide(twin))))
      }),
      { examples: EXPLOITS, numRuns: 60 },
    )
  })
})

/** A hostile text made into a name ARM takes: its forbidden characters and `/` dropped. */
function armName(text: string): string {
  // eslint-disable-next-line no-control-regex
  const name = text.replace(/[<>%&\\?#/\u0000-\u001f\u007f]/g, '')
  return name === '' || name === '.' || name === '..' ? 'x' : name
}

/** One app reaching every service kind with its default role, each bound to a resource of `names[i]`. */
function boundToNames(names: readonly string[]): Design {
  let b = design().app('a', { systemAssigned: true })
  SERVICE_KINDS.forEach((kind, i) => {
    const name = names[i % names.length]!
    const [provider, ...types] = SERVICES[kind].armType.split('/')
    const path = types.map((t) => `${t}/${name}`).join('/')
    const resourceId = `/subscriptions/${SUB}/resourceGroups/rg/providers/${provider}/${path}`
    expect(parseArmId(resourceId).ok, resourceId).toBe(true)
    b = b
      .service(kind, kind, { name: `${kind}-node`, azure: { resourceId } })
      .access('a', kind, [SERVICES[kind].defaultRole], { via: 'system' })
  })
  return b.build()
}

/**
 * Endpoints are made of a bound service's resource name, and an ARM name holds no control or
 * < > % & \ ? # but quotes, $(), backticks, `'''`, spaces, separators and bidi characters it can:
 * each language's code holds it only inside a string literal, exactly, as it does a node's name.
 */
describe('code snippets with hostile names in bound resource ids', () => {
  const cases = fc
    .array(hostileName().map(armName), { minLength: 3, maxLength: 3 })
    .map((names) => ({
      app: connectionGuide(boundToNames(names)).apps[0]!,
      plain: connectionGuide(boundToNames(names.map((_, i) => `plain${i}`))).apps[0]!,
    }))

  it('typescript and csharp: the plain twin’s tokens, each endpoint a string', () => {
    fc.assert(
      fc.property(cases, ({ app, plain }) => {
        expect(app.connections.map((c) => c.serviceName)).toEqual(
          SERVICE_KINDS.map((k) => `${k}-node`),
        )
        for (const c of app.connections) expect(c.endpoint).not.toContain(c.serviceName)
        checkInProcess(app, plain)
        const text = guideMarkdown({ design: 'd', apps: [app], developers: [] })
        expect(text).not.toMatch(UNSAFE_BUT_NEWLINE)
        expect(markdownShape(text)).toEqual(
          markdownShape(guideMarkdown({ design: 'd', apps: [plain], developers: [] })),
        )
      }),
      { numRuns: 40 },
    )
  })

  it('python and java: tokenize and javac’s scanner read the plain twin’s tokens', () => {
    const sample = fc.sample(cases, { numRuns: 8, seed: 11 })
    const python = pythonTokens(
      sample.flatMap(({ app, plain }) => [appSnippet(app, 'python'), appSnippet(plain, 'python')]),
    )
    sample.forEach(({ app }, i) => check(python[2 * i]!, python[2 * i + 1]!, app, 'python'))
    if (!HAS_JAVA) return
    const java = javaTokens(
      sample.flatMap(({ app, plain }) => [
        javaUnit(appSnippet(app, 'java')),
        javaUnit(appSnippet(plain, 'java')),
      ]),
    )
    sample.forEach(({ app }, i) => check(java[2 * i]!, java[2 * i + 1]!, app, 'java'))
  })
})
