// Runs an entry of the compiled command line (dist-cli/, built by `npm run build:cli`, which
// `npm install` runs through `prepare`): `idtopo` (bin/idtopo.js) and the HTTPS sandbox
// (`npm run sandbox`, bin/sandbox.js). In a checkout where src/ changed since that build, it
// compiles again first (a couple of seconds), so a command never runs stale code.
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

function newestSource() {
  const src = `${root}src`
  if (!existsSync(src)) return 0
  let newest = 0
  for (const file of readdirSync(src, { recursive: true })) {
    const mtime = statSync(`${src}/${file}`).mtimeMs
    if (mtime > newest) newest = mtime
  }
  return newest
}

/**
 * Compiles into a folder of its own, then moves the files into dist-cli/, chunks before entries:
 * a command started meanwhile (a pipeline runs several at once) imports a whole build, the old or
 * the new one, never an emptied or half-written folder. Two compiling at once write the same
 * files. Chunks of older builds stay until `npm run build:cli` empties the folder.
 */
function compile() {
  const vite = `${root}node_modules/vite/bin/vite.js`
  if (!existsSync(vite)) return false
  const temp = mkdtempSync(`${root}dist-cli-build-`)
  try {
    const build = spawnSync(
      process.execPath,
      [vite, 'build', '--config', 'vite.cli.config.ts', '--outDir', temp, '--emptyOutDir'],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
    )
    if (build.status !== 0) return false
    mkdirSync(`${root}dist-cli`, { recursive: true })
    const files = readdirSync(temp)
    const isEntry = (file) => /^(idtopo|sandbox)\.mjs$/.test(file)
    for (const file of [...files.filter((f) => !isEntry(f)), ...files.filter(isEntry)])
      renameSync(`${temp}/${file}`, `${root}dist-cli/${file}`)
    return true
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
}

/** Imports dist-cli/<entry>.mjs, compiling first when it is missing or older than src/. */
export async function runCompiled(entry) {
  const built = `${root}dist-cli/${entry}.mjs`
  if (!existsSync(built) || statSync(built).mtimeMs < newestSource()) {
    process.stderr.write(`${entry}: compiling (src/ changed since it was built)…\n`)
    if (!compile()) {
      process.stderr.write(
        `${entry}: could not compile it: run \`npm install\`, then \`npm run build:cli\`.\n`,
      )
      process.exit(2)
    }
  }
  await import(new URL(`../dist-cli/${entry}.mjs`, import.meta.url).href)
}
