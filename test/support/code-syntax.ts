// Reads generated code as each language's own tools read it, as a list of tokens: a kind for
// each token (comments left out), and the decoded value of each string literal. Two snippets
// with the same kinds have the same structure: names reached them only inside strings or
// comments. TypeScript: the compiler's scanner and parser. Python: `tokenize` and `ast` in
// python3. Java: javac's scanner (test/support/java/JavaTokens.java). C#: a tokenizer written
// from the C# lexical grammar (no C# compiler here).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ts from 'typescript'

export interface CodeTokens {
  /** Token kinds in order; a string literal is `string`, identifiers are `identifier`. */
  readonly kinds: readonly string[]
  /** The value of every string literal, decoded. */
  readonly strings: readonly string[]
  /** Syntax errors, none when the code parses. */
  readonly errors: readonly string[]
}

export function typescriptTokens(source: string): CodeTokens {
  const errors = (
    ts.transpileModule(source, {
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).diagnostics ?? []
  ).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  const scanner = ts.createScanner(
    ts.ScriptTarget.ES2022,
    true,
    ts.LanguageVariant.Standard,
    source,
  )
  const kinds: string[] = []
  const strings: string[] = []
  for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan()) {
    if (k === ts.SyntaxKind.StringLiteral) {
      kinds.push('string')
      strings.push(scanner.getTokenValue())
    } else
      kinds.push(
        k === ts.SyntaxKind.Identifier ? 'identifier' : (ts.tokenToString(k) ?? ts.SyntaxKind[k]!),
      )
  }
  return { kinds, strings, errors }
}

const PYTHON = `
import ast, io, json, re, sys, tokenize
def fields(text):
    return re.sub(r'{[^{}]*}', lambda m: re.sub(r'[A-Za-z_][A-Za-z0-9_]*', 'identifier', m.group(0)), text)
out = []
for source in json.load(sys.stdin):
    errors, kinds, strings = [], [], []
    try:
        ast.parse(source)
        for t in tokenize.generate_tokens(io.StringIO(source).readline):
            name = tokenize.tok_name[t.type]
            if name in ('COMMENT', 'ENDMARKER'):
                continue
            # An f-string is template code (a name is never written into one): its text is
            # compared with the plain twin's (one STRING token before Python 3.12,
            # FSTRING_START/MIDDLE/END tokens since), but for the variables its replacement
            # fields name, which are made from names (an identifier either way).
            if name == 'STRING' and 'f' in re.match('[A-Za-z]*', t.string).group(0).lower():
                kinds.append('fstring ' + fields(t.string))
            elif name in ('FSTRING_START', 'FSTRING_MIDDLE', 'FSTRING_END'):
                kinds.append(name + ' ' + t.string)
            elif name == 'STRING':
                kinds.append('string')
                strings.append(ast.literal_eval(t.string))
            elif name == 'NAME':
                kinds.append('identifier')
            elif name == 'OP':
                kinds.append(t.string)
            else:
                kinds.append(name)
    except (SyntaxError, ValueError, tokenize.TokenError) as e:
        errors.append(repr(e))
    out.append({'kinds': kinds, 'strings': strings, 'errors': errors})
json.dump(out, sys.stdout)
`

/** Python sources read by python3 (`ast.parse`, then `tokenize`), in one run. */
export function pythonTokens(sources: readonly string[]): CodeTokens[] {
  const result = spawnSync('python3', ['-c', PYTHON], {
    input: JSON.stringify(sources),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (result.status !== 0) throw new Error(`python3: ${result.stderr}`)
  return JSON.parse(result.stdout) as CodeTokens[]
}

export const HAS_JAVA = spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0

const JAVA_EXPORTS = ['parser', 'util', 'file'].flatMap((p) => [
  '--add-exports',
  `jdk.compiler/com.sun.tools.javac.${p}=ALL-UNNAMED`,
])

/** Java sources read by javac's scanner, in one run of the JDK. */
export function javaTokens(sources: readonly string[]): CodeTokens[] {
  const dir = mkdtempSync(join(tmpdir(), 'idtopo-java-'))
  const files = sources.map((s, i) => {
    const file = join(dir, `S${i}.java`)
    writeFileSync(file, s)
    return file
  })
  const program = new URL('./java/JavaTokens.java', import.meta.url).pathname
  const result = spawnSync('java', [...JAVA_EXPORTS, program, ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (result.status !== 0) throw new Error(`java: ${result.stderr}`)
  return result.stdout
    .split(/^=== .*\n/m)
    .slice(1)
    .map((section) => {
      const kinds: string[] = []
      const strings: string[] = []
      const errors: string[] = []
      for (const line of section.split('\n').filter((l) => l !== '')) {
        const [kind, value] = line.split(' ')
        if (kind === 'ERROR') errors.push('lexical error')
        else if (kind === 'STRINGLITERAL') {
          kinds.push('string')
          strings.push(
            String.fromCharCode(
              ...((value ?? '').match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)),
            ),
          )
        } else kinds.push(kind === 'IDENTIFIER' ? 'identifier' : kind!)
      }
      return { kinds, strings, errors }
    })
}

const CSHARP_NEWLINES = /[\r\n\u0085\u2028\u2029]/
const CSHARP_ESCAPES: Readonly<Record<string, string>> = {
  "'": "'",
  '"': '"',
  '\\': '\\',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
}

/**
 * C# by its lexical grammar (ECMA-334 §6.4): new-line characters CR, LF, U+0085, U+2028, U+2029;
 * `//` and `/* *\/` comments; regular string literals with simple, `\x`, `\u` and `\U` escapes
 * and no new-line character inside; identifiers, numbers, operators. Verbatim, interpolated and
 * raw strings are errors: the snippets never write them.
 */
export function csharpTokens(source: string): CodeTokens {
  const kinds: string[] = []
  const strings: string[] = []
  const errors: string[] = []
  let i = 0
  while (i < source.length && errors.length === 0) {
    const c = source[i]!
    if (c === ' ' || c === '\t') i++
    else if (CSHARP_NEWLINES.test(c)) {
      i += source.startsWith('\r\n', i) ? 2 : 1
      kinds.push('newline')
    } else if (source.startsWith('//', i)) {
      while (i < source.length && !CSHARP_NEWLINES.test(source[i]!)) i++
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2)
      if (end < 0) errors.push('unterminated comment')
      i = end + 2
    } else if (c === '"') {
      let value = ''
      i++
      for (;;) {
        const ch = source[i]
        if (ch === undefined || CSHARP_NEWLINES.test(ch)) {
          errors.push('newline in a string')
          break
        }
        i++
        if (ch === '"') break
        if (ch !== '\\') {
          value += ch
          continue
        }
        const e = source[i++] ?? ''
        const hex = (min: number, max: number): number => {
          const m = new RegExp(`^[0-9A-Fa-f]{${min},${max}}`).exec(source.slice(i))
          if (!m) errors.push(`bad \\${e} escape`)
          i += m?.[0].length ?? 0
          return parseInt(m?.[0] ?? '0', 16)
        }
        if (e in CSHARP_ESCAPES) value += CSHARP_ESCAPES[e]
        else if (e === 'x') value += String.fromCharCode(hex(1, 4))
        else if (e === 'u') value += String.fromCharCode(hex(4, 4))
        else if (e === 'U') value += String.fromCodePoint(hex(8, 8))
        else errors.push(`bad escape \\${e}`)
      }
      kinds.push('string')
      strings.push(value)
    } else if (/[A-Za-z_@]/.test(c)) {
      if (source.startsWith('@"', i) || source.startsWith('$"', i)) errors.push('verbatim string')
      const m = /^@?[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))!
      i += m[0].length
      kinds.push(/^(var|new|using|await|null)$/.test(m[0]) ? m[0] : 'identifier')
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9][0-9_]*/.exec(source.slice(i))!
      i += m[0].length
      kinds.push('number')
    } else if ('{}[]();,.=<>?:!+-*/%&|^~'.includes(c)) {
      kinds.push(c)
      i++
    } else errors.push(`unexpected character U+${c.codePointAt(0)!.toString(16)}`)
  }
  return { kinds, strings, errors }
}

/** Java snippets are statements: imports stay on top, the rest goes in a method of a class. */
export function javaUnit(snippet: string): string {
  const lines = snippet.split('\n')
  const imports = lines.filter((l) => l.startsWith('import '))
  const body = lines.filter((l) => !l.startsWith('import '))
  return `${imports.join('\n')}\nclass Snippet {\n  void run() throws Exception {\n${body.join('\n')}\n  }\n}\n`
}
