import { execFileSync } from 'node:child_process'
import sparticuz from '@sparticuz/chromium'
import { chromium } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { bundledEnvironment, chromiumBinary, missingLibraries } from '../e2e/support/chromium.ts'
import { CHROMIUM_ARGS } from '../e2e/support/browser.ts'

describe('the browser tests’ Chromium', () => {
  it('is the system one when installed, else the npm one, or the one IDTOPO_CHROMIUM asks for', async () => {
    const absent = '/nonexistent/chromium'
    expect(await chromiumBinary('auto', process.execPath)).toEqual({
      executablePath: process.execPath,
      source: 'system',
      env: {},
    })
    const npm = await sparticuz.executablePath()
    expect(await chromiumBinary('auto', absent)).toMatchObject({
      executablePath: npm,
      source: 'bundled',
    })
    expect(await chromiumBinary('bundled', process.execPath)).toMatchObject({ source: 'bundled' })
    await expect(chromiumBinary('system', absent)).rejects.toThrow(
      '/nonexistent/chromium is missing: apt-get install chromium',
    )
    await expect(chromiumBinary('chrome', absent)).rejects.toThrow(
      'IDTOPO_CHROMIUM must be auto, system or bundled, not "chrome"',
    )
  }, 60_000)

  it('reads the libraries ldd could not find', () => {
    const ldd = [
      '\tlinux-vdso.so.1 (0x00007ffd)',
      '\tlibnss3.so => not found',
      '\tlibnspr4.so => /lib/x86_64-linux-gnu/libnspr4.so (0x00007f)',
      '\tlibexpat.so.1 => not found',
    ].join('\n')
    expect(missingLibraries(ldd)).toEqual(['libnss3.so', 'libexpat.so.1'])
  })

  it('runs the npm Chromium on the NSS it carries where the system has none', async () => {
    const executablePath = await sparticuz.executablePath()
    // This machine has NSS: say it has not, as a bare node:20-slim would.
    const env = await bundledEnvironment(executablePath, (_exe, probeEnv) =>
      probeEnv.LD_LIBRARY_PATH ? [] : ['libnss3.so'],
    )
    const libs = env.LD_LIBRARY_PATH?.split(':')[0] as string
    expect(libs).toMatch(/al2023\/lib$/)
    const linked = execFileSync('ldd', [executablePath], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    })
    expect(linked).toContain(`libnss3.so => ${libs}/libnss3.so`)
    const browser = await chromium.launch({
      executablePath,
      args: CHROMIUM_ARGS,
      env: { ...process.env, ...env },
    })
    try {
      const page = await browser.newPage()
      await page.setContent('<p>runs</p>')
      expect(await page.textContent('p')).toBe('runs')
    } finally {
      await browser.close()
    }
  }, 60_000)

  it('is chosen in one place: nothing else names the system Chromium (IDTOPO_CHROMIUM=bundled hides it)', () => {
    const path = ['', 'usr', 'bin', 'chromium'].join('/') // spelled apart: this file does not count
    const files = execFileSync(
      'git',
      ['grep', '--untracked', '-l', path, '--', 'src', 'test', 'bench', 'scripts'],
      { encoding: 'utf8' },
    )
    expect(files.trim().split('\n')).toEqual(['test/e2e/support/chromium.ts'])
  })
})
