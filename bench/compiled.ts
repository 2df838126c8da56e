import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'vite'
import type * as DomainEntry from './domain-entry.ts'

export type DomainCode = typeof DomainEntry

/**
 * The domain code compiled as it ships (vite, as `npm run build:cli` compiles idtopo), loaded
 * into this process. Measured this way, figures are the product's: tsx, which runs the bench,
 * wraps every function it creates in a name-keeping helper (esbuild's keepNames), which costs a
 * check that builds thousands of fix closures up to a fifth of its time.
 */
export async function compiledDomain(): Promise<DomainCode> {
  // Inside the project (.tmp/, ignored by git), so the compiled module finds node_modules.
  const root = fileURLToPath(new URL('../.tmp/', import.meta.url))
  mkdirSync(root, { recursive: true })
  const outDir = mkdtempSync(join(root, 'bench-domain-'))
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      publicDir: false,
      build: {
        ssr: fileURLToPath(new URL('./domain-entry.ts', import.meta.url)),
        outDir,
        emptyOutDir: true,
        target: 'node20',
        minify: false,
        rollupOptions: { output: { entryFileNames: 'domain.mjs' } },
      },
    })
    return (await import(pathToFileURL(join(outDir, 'domain.mjs')).href)) as DomainCode
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}
