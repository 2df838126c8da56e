// A small Bicep tokenizer and declaration reader, written from Bicep's documented lexical rules
// ("Data types: Strings", Azure/bicep src/Bicep.Core/Parsing/Lexer.cs): `//` and `/* */`
// comments ending at `\n` or `\r`; `'…'` strings with the escapes `\\ \' \n \r \t \$ \u{x}` and
// `${…}` interpolation; `'''…'''` verbatim strings; identifiers, numbers and punctuation. It
// throws on anything a Bicep file may not hold, so a test that reads an export through it also
// checks that the export lexes.

export type Token =
  | { readonly kind: 'newline' | 'comment' | 'ident' | 'number' | 'punct'; readonly text: string }
  | {
      readonly kind: 'string'
      readonly text: string
      /** Literal segments; holes between them hold the interpolated expressions' tokens. */
      readonly segments: readonly string[]
      readonly holes: readonly (readonly Token[])[]
    }

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '\\': '\\',
  "'": "'",
  $: '$',
}

export function tokenize(source: string): Token[] {
  let i = 0
  const fail = (what: string): never => {
    throw new Error(`Bicep: ${what} at offset ${i}: ${JSON.stringify(source.slice(i, i + 40))}`)
  }
  const lex = (until?: () => boolean): Token[] => {
    const tokens: Token[] = []
    while (i < source.length && !(until?.() ?? false)) {
      const c = source[i]!
      const start = i
      if (c === ' ' || c === '\t') i++
      else if (c === '\r' || c === '\n') {
        i += source.startsWith('\r\n', i) ? 2 : 1
        tokens.push({ kind: 'newline', text: source.slice(start, i) })
      } else if (source.startsWith('//', i)) {
        while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++
        tokens.push({ kind: 'comment', text: source.slice(start, i) })
      } else if (source.startsWith('/*', i)) {
        const end = source.indexOf('*/', i + 2)
        if (end < 0) fail('unterminated comment')
        i = end + 2
        tokens.push({ kind: 'comment', text: source.slice(start, i) })
      } else if (source.startsWith("'''", i)) {
        const end = source.indexOf("'''", i + 3)
        if (end < 0) fail('unterminated multi-line string')
        const raw = source.slice(i + 3, end)
        i = end + 3
        const value = raw.replace(/^\r?\n/, '')
        tokens.push({ kind: 'string', text: source.slice(start, i), segments: [value], holes: [] })
      } else if (c === "'") tokens.push(stringToken())
      else if (/[A-Za-z_]/.test(c)) {
        while (i < source.length && /[A-Za-z0-9_]/.test(source[i]!)) i++
        tokens.push({ kind: 'ident', text: source.slice(start, i) })
      } else if (/[0-9]/.test(c)) {
        while (i < source.length && /[0-9]/.test(source[i]!)) i++
        tokens.push({ kind: 'number', text: source.slice(start, i) })
      } else if ('{}[]():,.=@?!<>&|+-*/%'.includes(c)) {
        i++
        tokens.push({ kind: 'punct', text: c })
      } else fail(`unexpected character U+${c.codePointAt(0)!.toString(16)}`)
    }
    return tokens
  }
  const stringToken = (): Token => {
    const start = i++
    const segments: string[] = ['']
    const holes: Token[][] = []
    const add = (s: string): void => {
      segments[segments.length - 1] += s
    }
    for (;;) {
      if (i >= source.length) fail('unterminated string')
      const c = source[i]!
      if (c === "'") {
        i++
        break
      }
      if (c === '\n' || c === '\r') fail('newline in a string')
      if (c === '\\') {
        const e = source[i + 1] ?? ''
        if (e === 'u') {
          const m = /^\\u\{([0-9A-Fa-f]+)\}/.exec(source.slice(i))
          if (!m || parseInt(m[1]!, 16) > 0x10ffff) fail('bad \\u escape')
          const cp = parseInt(m![1]!, 16)
          add(cp > 0xffff ? String.fromCodePoint(cp) : String.fromCharCode(cp))
          i += m![0].length
        } else if (e in ESCAPES) {
          add(ESCAPES[e]!)
          i += 2
        } else fail(`bad escape \\${e}`)
      } else if (source.startsWith('${', i)) {
        i += 2
        let depth = 0
        const hole = lex(() => {
          const ch = source[i]
          if (ch === '{') depth++
          if (ch === '}') {
            if (depth === 0) return true
            depth--
          }
          if (ch === '\n' || ch === '\r') fail('newline in an interpolation')
          return false
        })
        if (source[i] !== '}') fail('unterminated interpolation')
        i++
        holes.push(hole)
        segments.push('')
      } else {
        add(c)
        i++
      }
    }
    return { kind: 'string', text: source.slice(start, i), segments, holes }
  }
  return lex()
}

/** The value of a string token without interpolation, else undefined. */
export function literal(token: Token | undefined): string | undefined {
  return token?.kind === 'string' && token.holes.length === 0 ? token.segments[0] : undefined
}

export type Value =
  | { readonly kind: 'object'; readonly entries: ReadonlyMap<string, Value> }
  | { readonly kind: 'expr'; readonly tokens: readonly Token[] }

export interface Declaration {
  /** `param`, `resource`, `output`, `targetScope`… */
  readonly keyword: string
  readonly decorators: readonly (readonly Token[])[]
  /** The statement's tokens after the keyword, comments left out. */
  readonly tokens: readonly Token[]
  /** For a resource: its symbol, type string, whether `existing`, and its body. */
  readonly symbol?: string
  readonly type?: string
  readonly existing?: boolean
  readonly body?: Value
}

const OPEN = new Set(['{', '[', '('])
const CLOSE = new Set(['}', ']', ')'])

/** Statements at depth 0, split at newlines (decorators attach to the next statement). */
function statements(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = []
  let current: Token[] = []
  let depth = 0
  for (const t of tokens) {
    if (t.kind === 'comment') continue
    if (t.kind === 'punct' && OPEN.has(t.text)) depth++
    if (t.kind === 'punct' && CLOSE.has(t.text)) depth--
    if (t.kind === 'newline' && depth === 0) {
      if (current.length > 0) out.push(current)
      current = []
    } else current.push(t)
  }
  if (current.length > 0) out.push(current)
  return out
}

/** An object literal `{ key: value … }` whose entries sit one per line. */
function objectValue(tokens: readonly Token[]): Value {
  const entries = new Map<string, Value>()
  const inner = tokens.slice(1, -1)
  for (const line of statements(inner)) {
    const [key, colon, ...rest] = line
    if (!key || colon?.text !== ':')
      throw new Error(`Bicep: not an object entry: ${line.map((t) => t.text).join(' ')}`)
    const name = key.kind === 'string' ? (literal(key) ?? key.text) : key.text
    entries.set(name, rest[0]?.text === '{' ? objectValue(rest) : { kind: 'expr', tokens: rest })
  }
  return { kind: 'object', entries }
}

/** Every top-level declaration of a Bicep file, with resources' bodies read. */
export function declarations(source: string): Declaration[] {
  const out: Declaration[] = []
  let decorators: Token[][] = []
  for (const statement of statements(tokenize(source))) {
    if (statement[0]?.text === '@') {
      decorators.push(statement)
      continue
    }
    const [head, ...rest] = statement
    if (head?.kind !== 'ident') throw new Error(`Bicep: statement starts with ${head?.text}`)
    const decl: Declaration = { keyword: head.text, decorators, tokens: rest }
    decorators = []
    if (head.text === 'resource') {
      const [symbol, type, ...after] = rest
      const existing = after[0]?.text === 'existing'
      const eq = after.findIndex((t) => t.text === '=')
      out.push({
        ...decl,
        symbol: symbol?.text,
        type: literal(type),
        existing,
        body: objectValue(after.slice(eq + 1)),
      })
    } else out.push(decl)
  }
  return out
}

/** A resource body's entry (`properties.principalId` walks nested objects). */
export function entry(body: Value | undefined, path: string): readonly Token[] | undefined {
  let value = body
  for (const key of path.split('.')) {
    value = value?.kind === 'object' ? value.entries.get(key) : undefined
  }
  return value?.kind === 'expr' ? value.tokens : undefined
}
