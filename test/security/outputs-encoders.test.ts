// Every encoder, read back by the language's own tools where they are available here (bash,
// hcl2json, the TypeScript compiler, python3, javac's scanner) and by tokenizers written from the
// language's lexical rules where they are not (Bicep, C#): the value of a string is exactly the
// text, and nothing after a comment becomes code, for hostile text of every kind.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { bicepComment, bicepMultiline, bicepString, bicepTemplate } from '@/lib/encode/bicep.ts'
import { UNSAFE_CHAR } from '@/lib/encode/chars.ts'
import { adoNetValue, odbcValue } from '@/lib/encode/connection-string.ts'
import { csharpComment, csharpString } from '@/lib/encode/csharp.ts'
import { hclComment, hclMultiline, hclString, hclTemplate } from '@/lib/encode/hcl.ts'
import { javaComment, javaString } from '@/lib/encode/java.ts'
import { markdownCode, markdownFence, markdownText } from '@/lib/encode/markdown.ts'
import { odataString } from '@/lib/encode/odata.ts'
import { pythonComment, pythonString } from '@/lib/encode/python.ts'
import { shellComment, shellDefault, shellRequired, shellWord } from '@/lib/encode/shell.ts'
import { terminalLines, terminalText } from '@/lib/encode/terminal.ts'
import { tsqlIdentifier, tsqlString } from '@/lib/encode/tsql.ts'
import { typescriptComment, typescriptString } from '@/lib/encode/typescript.ts'
import { asFile, hclLiteral, parseTerraform } from '../export/read-exports.ts'
import { declarations, literal, tokenize } from '../support/bicep-syntax.ts'
import {
  csharpTokens,
  HAS_JAVA,
  javaTokens,
  pythonTokens,
  typescriptTokens,
} from '../support/code-syntax.ts'
import { CANARY, hostileText, longHostileText } from '../support/hostile.ts'
import { needsTool } from '../support/tools.ts'

// Each property runs real parsers in child processes (bash, python3, java) on a shared machine.
vi.setConfig({ testTimeout: 120_000 })

const batch = (n = 24): fc.Arbitrary<string[]> =>
  fc.array(
    fc.oneof({ weight: 5, arbitrary: hostileText() }, { weight: 1, arbitrary: longHostileText() }),
    {
      minLength: n,
      maxLength: n,
    },
  )

/** What a UTF-8 file can hold of a text: a lone surrogate becomes U+FFFD when written. */
const asUtf8 = (text: string): string => Buffer.from(text, 'utf8').toString('utf8')

describe('shell (bash)', () => {
  it('a word is exactly its text, a comment ends nothing, and nothing in either runs', () => {
    fc.assert(
      fc.property(batch(), (texts) => {
        // A folder of its own: a canary left by another run (or another checkout) is not ours.
        const cwd = mkdtempSync(join(tmpdir(), 'idtopo-shell-'))
        const script = [
          'set -euo pipefail',
          `printf '%s\\0' ${texts.map(shellWord).join(' ')}`,
          ...texts.flatMap((t) => [shellComment(t), 'printf "[after]"']),
        ].join('\n')
        const run = spawnSync('bash', ['--norc', '--noprofile', '-c', script], {
          cwd,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        })
        expect(run.status).toBe(0)
        const [words, after] = [run.stdout.split('[after]')[0]!, run.stdout.split('\0').pop()!]
        expect(words.split('\0').slice(0, -1)).toEqual(
          // bash keeps no NUL: shellWord writes it as the text `\x00`.
          texts.map((t) => asUtf8(t.replaceAll('\0', '\\x00'))),
        )
        expect(after).toBe('[after]'.repeat(texts.length))
        expect(existsSync(join(cwd, CANARY))).toBe(false)
      }),
      { numRuns: 15 },
    )
  })

  it('a default keeps the environment’s value, else takes the word; a required one stops with the message', () => {
    fc.assert(
      fc.property(hostileText(), hostileText(), (value, message) => {
        const script = [
          shellDefault('V', shellWord(value)),
          shellDefault('W', shellWord(value)),
          'printf "%s|%s" "$V" "$W"',
          shellRequired('MISSING', message),
          'echo unreachable',
        ].join('\n')
        const run = spawnSync('bash', ['--norc', '--noprofile', '-c', script], {
          cwd: mkdtempSync(join(tmpdir(), 'idtopo-shell-')),
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { PATH: process.env.PATH, HOME: '/tmp', W: 'from-env' },
        })
        expect(run.status).toBe(1)
        expect(run.stdout).toBe(`${asUtf8(value.replaceAll('\0', '\\x00'))}|from-env`)
        expect(run.stderr).toBe(`${asUtf8(message.replaceAll('\0', '\\x00'))}\n`)
      }),
      { numRuns: 40 },
    )
  })

  it('writes no control, separator, bidi or invisible format character raw', () => {
    fc.assert(
      fc.property(hostileText(), (t) => {
        expect(shellWord(t)).not.toMatch(UNSAFE_CHAR)
        expect(shellComment(t)).not.toMatch(UNSAFE_CHAR)
        // Nothing a terminal (or an editor) would hide: terminalText finds nothing to show.
        expect(terminalText(shellWord(t))).toBe(shellWord(t))
        expect(terminalText(shellComment(t))).toBe(shellComment(t))
      }),
    )
    expect(shellWord('st\u200b1')).toBe("$'st\\xE2\\x80\\x8B1'")
    expect(shellComment('st\u200b1')).toBe('# st<U+200B>1')
    expect(shellWord('dev 👩‍💻')).toBe("'dev 👩‍💻'")
  })
})

describe('HCL (Terraform)', () => {
  it('a string, a heredoc and a template hold exactly the text; a comment ends nothing', async () => {
    await fc.assert(
      fc.asyncProperty(batch(), async (texts) => {
        const lines = texts.flatMap((t, i) => [
          `s${i} = ${hclString(t)}`,
          hclComment(t),
          `c${i} = "after"`,
          ...(([first, ...rest]) => [`m${i} = ${first}`, ...rest])(hclMultiline(`${t}\n`)),
          `t${i} = ${hclTemplate(t.replace(/\$+$/, ''), { ref: 'var.x' }, t)}`,
        ])
        const json = await parseTerraform(`${lines.join('\n')}\n`)
        texts.forEach((t, i) => {
          expect(hclLiteral(json[`s${i}`])).toBe(asFile(t))
          expect(json[`c${i}`]).toBe('after')
          expect(hclLiteral(json[`m${i}`])).toBe(asFile(`${t}\n`))
          const escaped = (s: string): string =>
            asFile(s)
              .replaceAll('${', () => '$${')
              .replaceAll('%{', () => '%%{')
          expect(json[`t${i}`]).toBe(`${escaped(t.replace(/\$+$/, ''))}\${var.x}${escaped(t)}`)
        })
        expect(Object.keys(json)).toHaveLength(texts.length * 4)
      }),
      { numRuns: 10 },
    )
  })

  it('a heredoc closes on a marker the text does not hold, and a literal `$` before a reference stays a `$`', () => {
    expect(hclMultiline('a\nEOT\n  EOT\n')).toEqual(['<<EOT_1', 'a', 'EOT', '  EOT', 'EOT_1'])
    expect(hclTemplate('cost: $', { ref: 'var.x' })).toBe('"cost: \\u0024${var.x}"')
    expect(hclString('${x} %{y} $${z}')).toBe('"$${x} %%{y} $$${z}"')
  })
})

describe('Bicep', () => {
  it('a string, a multi-line string and a template hold exactly the text; a comment ends nothing', () => {
    fc.assert(
      fc.property(batch(), (texts) => {
        const source = texts
          .flatMap((t, i) => [
            `var s${i} = ${bicepString(t)}`,
            bicepComment(t),
            `var m${i} = ${bicepMultiline(t)}`,
            `var t${i} = ${bicepTemplate(t, { ref: 'x' }, t)}`,
          ])
          .join('\n')
        const decls = declarations(source)
        expect(decls.map((d) => d.keyword)).toEqual(texts.flatMap(() => ['var', 'var', 'var']))
        texts.forEach((t, i) => {
          const value = (n: number) => decls[i * 3 + n]!.tokens.slice(2)
          expect(literal(value(0)[0])).toBe(t)
          expect(literal(value(1)[0])).toBe(t)
          const template = value(2)[0]!
          expect(template.kind === 'string' && template.segments).toEqual([t, t])
        })
      }),
      { numRuns: 15 },
    )
  })

  it('writes a verbatim multi-line string only where the text fits one', () => {
    expect(bicepMultiline('a\nb\n')).toBe("'''\na\nb\n'''")
    expect(bicepMultiline("x'''\ny")).toBe("'x\\'\\'\\'\\ny'")
    expect(bicepMultiline("ends in '")).toBe("'ends in \\''")
    expect(bicepMultiline('cr\r\n')).toBe("'cr\\r\\n'")
    expect(tokenize(bicepString('${x}'))[0]).toMatchObject({ segments: ['${x}'] })
  })
})

describe('code snippets', () => {
  const program = (
    texts: readonly string[],
    string: (t: string) => string,
    comment: (t: string) => string,
    statement: (value: string, i: number) => string,
  ): string => texts.flatMap((t, i) => [comment(t), statement(string(t), i)]).join('\n')

  it('TypeScript: the compiler reads each string as the text, and every comment as a comment', () => {
    fc.assert(
      fc.property(batch(), (texts) => {
        const read = typescriptTokens(
          program(texts, typescriptString, typescriptComment, (v, i) => `const v${i} = ${v}`),
        )
        expect(read.errors).toEqual([])
        expect(read.strings).toEqual(texts)
        expect(read.kinds).toEqual(texts.flatMap(() => ['const', 'identifier', '=', 'string']))
      }),
      { numRuns: 15 },
    )
  })

  it('Python: ast.parse accepts it, tokenize reads each string as the text and every comment as a comment', () => {
    fc.assert(
      fc.property(fc.array(batch(12), { minLength: 4, maxLength: 4 }), (groups) => {
        const sources = groups.map((texts) =>
          program(texts, pythonString, pythonComment, (v, i) => `v${i} = ${v}`),
        )
        pythonTokens(sources).forEach((read, g) => {
          expect(read.errors).toEqual([])
          expect(read.strings).toEqual(groups[g])
          expect(read.kinds).toEqual(
            groups[g]!.flatMap(() => ['NL', 'identifier', '=', 'string', 'NEWLINE']),
          )
        })
      }),
      { numRuns: 3, endOnFailure: true },
    )
  })

  it.skipIf(!HAS_JAVA)(
    needsTool(
      'Java: javac’s scanner reads each string as the text and every comment as a comment',
      'java',
      HAS_JAVA,
    ),
    () => {
      fc.assert(
        fc.property(fc.array(batch(12), { minLength: 6, maxLength: 6 }), (groups) => {
          const sources = groups.map(
            (texts) =>
              `class S {\n${program(texts, javaString, javaComment, (v, i) => `String v${i} = ${v};`)}\n}\n`,
          )
          javaTokens(sources).forEach((read, g) => {
            expect(read.errors).toEqual([])
            expect(read.strings).toEqual(groups[g])
            expect(read.kinds).toEqual([
              'CLASS',
              'identifier',
              'LBRACE',
              ...groups[g]!.flatMap(() => ['identifier', 'identifier', 'EQ', 'string', 'SEMI']),
              'RBRACE',
            ])
          })
        }),
        { numRuns: 2, endOnFailure: true },
      )
    },
  )

  it('C#: each string reads as the text and every comment as a comment (the C# lexical grammar)', () => {
    fc.assert(
      fc.property(batch(), (texts) => {
        const read = csharpTokens(
          program(texts, csharpString, csharpComment, (v, i) => `var v${i} = ${v};`),
        )
        expect(read.errors).toEqual([])
        expect(read.strings).toEqual(texts)
        expect(read.kinds.filter((k) => k !== 'newline')).toEqual(
          texts.flatMap(() => ['var', 'identifier', '=', 'string', ';']),
        )
        expect(read.kinds.filter((k) => k === 'newline')).toHaveLength(texts.length * 2 - 1)
      }),
      { numRuns: 15 },
    )
  })

  it.skipIf(!HAS_JAVA)(
    needsTool(
      'Java: a lone high surrogate before a backslash reads back (javac 17 misreads `\\uD800\\\\u`)',
      'java',
      HAS_JAVA,
    ),
    () => {
      const texts = ['\ud800\\u{1b}', '\ud800\\\\u0041', '\udbff\\', '\udc00\\u{1b}', 'a\\u000a']
      const [read] = javaTokens([
        `class S {\n${texts.map((t, i) => `String v${i} = ${javaString(t)};`).join('\n')}\n}\n`,
      ])
      expect(read!.errors).toEqual([])
      expect(read!.strings).toEqual(texts)
    },
  )

  it('Java and C# escapes never use the forms that break: `\\u` in a Java comment, `\\x` in C#', () => {
    expect(javaComment('C:\\users\\u000a')).toBe('// C:\\\\users\\\\u000a')
    expect(javaString('\n\u001b\u2028')).toBe('"\\n\\033\\u2028"')
    expect(csharpString('\u001ba')).toBe('"\\u001Ba"')
  })
})

describe('T-SQL and OData', () => {
  /**
   * Reads `[…]` or `N'…'` from the start of `sql` as T-SQL does (an OData string `'…'` the same
   * way); returns the value and the rest.
   */
  const read = (sql: string, open: string, close: string): [string, string] => {
    let value = ''
    let i = open.length
    for (;;) {
      const c = sql[i]
      if (c === undefined) throw new Error('unterminated')
      if (c === close && sql[i + 1] === close) {
        value += close
        i += 2
      } else if (c === close) return [value, sql.slice(i + 1)]
      else {
        value += c
        i++
      }
    }
  }
  it('a delimited identifier and a Unicode string end exactly where the encoder ends them', () => {
    fc.assert(
      fc.property(hostileText(), (t) => {
        expect(read(`${tsqlIdentifier(t)} FROM`, '[', ']')).toEqual([t, ' FROM'])
        expect(read(`${tsqlString(t)}) IS NULL`, "N'", "'")).toEqual([t, ') IS NULL'])
      }),
    )
  })

  it('an OData string ends exactly where the encoder ends it', () => {
    fc.assert(
      fc.property(hostileText(), (t) => {
        expect(read(`${odataString(t)} or x`, "'", "'")).toEqual([t, ' or x'])
      }),
    )
  })
})

describe('connection strings', () => {
  /**
   * How ADO.NET and ODBC read `key=value;…`: a value that opens with `open` runs to the `close`
   * that is not doubled (ADO.NET: double quotes; ODBC: braces), any other value to the next `;`.
   */
  const read = (text: string, open: string, close: string): Record<string, string> => {
    const out: Record<string, string> = {}
    let i = 0
    while (i < text.length) {
      const eq = text.indexOf('=', i)
      const key = text.slice(i, eq)
      let value = ''
      i = eq + 1
      if (text[i] === open) {
        for (i++; i < text.length; i++) {
          if (text[i] === close && text[i + 1] === close) value += text[i++]
          else if (text[i] === close) break
          else value += text[i]
        }
        i += 2
      } else {
        const end = text.indexOf(';', i)
        value = text.slice(i, end < 0 ? text.length : end)
        i = end < 0 ? text.length : end + 1
      }
      out[key] = value
    }
    return out
  }
  it('a name is one value and adds no key', () => {
    fc.assert(
      fc.property(hostileText(), (t) => {
        expect(read(`Server=${adoNetValue(t)};Encrypt=True`, '"', '"')).toEqual({
          Server: t,
          Encrypt: 'True',
        })
        expect(read(`Server=${odbcValue(t)};Encrypt=yes`, '{', '}')).toEqual({
          Server: t,
          Encrypt: 'yes',
        })
      }),
    )
  })
})

describe('Markdown and terminal text', () => {
  it('terminal text is one line with no control, separator or bidi character, and stays as it is', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText(), longHostileText()), (t) => {
        const shown = terminalText(t)
        expect(shown).not.toMatch(UNSAFE_CHAR)
        expect(terminalText(shown)).toBe(shown)
        expect(terminalLines(t).split('\n')).toEqual(t.split('\n').map(terminalText))
      }),
    )
  })

  it('Markdown text escapes every markup character; a fence outlasts every backtick run', () => {
    fc.assert(
      fc.property(hostileText(), (t) => {
        const text = markdownText(t)
        expect(text).not.toMatch(UNSAFE_CHAR)
        // Every markup character is preceded by a backslash that is itself not escaped.
        expect(text.replace(/\\[\\`*[\]|~#_<&]/g, '')).not.toMatch(/[\\`*[\]|~#]/)
        const code = markdownCode(t)
        expect(code).not.toMatch(UNSAFE_CHAR)
        expect(code.replace(/\\[\\`*[\]|~#_<&]/g, '')).not.toContain('|')
        const [open, ...rest] = markdownFence(t, 'ts')
        const fence = open!.slice(0, -2)
        expect(rest.pop()).toBe(fence)
        for (const line of rest) expect(line.trim().startsWith(fence)).toBe(false)
      }),
    )
  })
})

describe('the encoders are the only way text reaches an output', () => {
  /** Modules that write generated code, scripts, templates or terminal text. */
  const OUTPUT_MODULES = ['src/export', 'src/guide', 'src/plan/sql.ts', 'src/cli']
  const files = OUTPUT_MODULES.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p, { recursive: true })
          .map((f) => join(p, String(f)))
          .filter((f) => f.endsWith('.ts'))
      : [p],
  )
  // A comment started by hand around an interpolation, or quotes and escapes done by hand.
  const BY_HAND = [
    /`(#|\/\/) \$\{/,
    /\.replace(All)?\(\s*(['"](\\\\|\\'|\\"|'|"|\$|`)|\/\[?(\\'|\\"|'|"|\$|`))/,
    /JSON\.stringify\([^)]*\)\s*(\+|`|,\s*$)/,
  ]
  it.each(files)('%s writes text only through src/lib/encode', (file) => {
    const code = readFileSync(file, 'utf8')
    for (const pattern of BY_HAND) expect(code).not.toMatch(pattern)
  })
})
