import { describe, expect, it } from 'vitest'
import { retryReason, type ArmFailure } from '@/apply/failure.ts'

const COSMOS_LOOKUP: ArmFailure = {
  code: 'BadRequest',
  message:
    "The provided principal ID [3f0c…] was not found in the AAD tenant(s) [72f9…] which are associated with the customer's subscription.",
}

describe('retryReason: why a step waits, in words', () => {
  it('names each retry class, with ARM’s code and status', () => {
    expect(
      [
        { status: 429, code: 'TooManyRequests', message: '' },
        { status: 409, code: 'ContainerAppLockConflict', message: '' },
        COSMOS_LOOKUP,
        { status: 401, code: 'ExpiredAuthenticationToken', message: '' },
        { code: 'ECONNRESET', message: 'socket hang up', network: true },
        { status: 503, code: 'ServiceUnavailable', message: '' },
        { status: 400, code: 'InvalidTemplate', message: '' },
      ].map(retryReason),
    ).toEqual([
      'ARM throttled the request (TooManyRequests 429)',
      'another operation holds the resource (ContainerAppLockConflict 409)',
      'Microsoft Entra ID does not know the new identity yet (BadRequest)',
      'the token expired, renewing it (ExpiredAuthenticationToken 401)',
      'the connection failed (ECONNRESET)',
      'Azure answered a server error (ServiceUnavailable 503)',
      'InvalidTemplate 400',
    ])
  })
})
