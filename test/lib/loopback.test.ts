import { describe, expect, it } from 'vitest'
import { isLoopbackHost } from '@/lib/loopback.ts'

describe('isLoopbackHost', () => {
  it('is true for localhost, 127.0.0.0/8 and ::1 as URL.hostname and a listen address give them', () => {
    for (const host of [
      'localhost',
      'LocalHost',
      '127.0.0.1',
      '127.1.2.3',
      '127.255.255.255',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
    ])
      expect([host, isLoopbackHost(host)]).toEqual([host, true])
  })

  it('is false for any other host, however close it looks', () => {
    const others = [
      '0.0.0.0',
      '128.0.0.1',
      '127.0.0.256',
      '127.0.0',
      '127.0.0.1.nip.io',
      'localhost.example',
      '::',
      '[::2]',
      'management.azure.com',
      '',
    ]
    for (const host of others) expect([host, isLoopbackHost(host)]).toEqual([host, false])
  })
})
