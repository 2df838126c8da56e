import fc from 'fast-check'
import { javaTokens } from './test/support/code-syntax.ts'
import { javaString, javaComment } from './src/lib/encode/java.ts'
import { hostileText, longHostileText } from './test/support/hostile.ts'
for (const seed of [1, 2, 3]) {
  const texts = fc.sample(fc.oneof(hostileText(), longHostileText()), { numRuns: 300, seed })
  const srcs = texts.map((t) => `class S {\n${javaComment(t)}\nString v = ${javaString(t)};\n}\n`)
  const r = javaTokens(srcs)
  const bad = texts.filter((_, i) => r[i]!.errors.length > 0)
  console.log(bad.length)
  for (const b of bad.slice(0, 3))
    console.log(
      JSON.stringify(b).slice(0, 300),
      '\n  C:',
      JSON.stringify(javaComment(b)).slice(0, 300),
      '\n  S:',
      JSON.stringify(javaString(b)).slice(0, 300),
    )
}
