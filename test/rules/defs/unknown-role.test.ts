import { describe, expect, it } from 'vitest'
import { unknownRole } from '@/rules/defs/unknown-role.ts'
import { design } from '../../support/builder.ts'
import { findingsWithOffers, testRule } from '../../support/rule-tester.ts'

testRule(unknownRole, {
  valid: [
    {
      name: 'exact names, built-in GUIDs in any case, custom GUIDs',
      design: design()
        .app('api', { systemAssigned: true })
        .service('st', 'storage')
        .access('api', 'st', [
          'Storage Blob Data Reader',
          'BA92F5B4-2D11-453D-A403-E96B0029C9FE',
          '11111111-2222-3333-4444-555555555555',
        ])
        .build(),
    },
  ],
  invalid: [
    {
      name: 'wrong case and typos, on resolved and unresolved edges, once per edge',
      design: design()
        .app('api', { systemAssigned: true })
        .app('lost')
        .service('st', 'storage')
        .access('api', 'st', ['storage blob data reader', 'Storage Blob Data Writer'], { id: 'e1' })
        .access('lost', 'st', ['Storage Blob Data Rader'], { id: 'e2' })
        .access('lost', 'st', ['not-a-guid-1234'], { id: 'e3' })
        .build(),
      findings: [
        {
          subject: 'e1',
          suggestions: [
            {
              title:
                'Grant "Storage Blob Data Reader" instead of "storage blob data reader", "Storage Blob Data Writer"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["Storage Blob Data Reader"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title:
                'Grant "Storage Blob Data Contributor" instead of "storage blob data reader", "Storage Blob Data Writer"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["Storage Blob Data Contributor"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title:
                'Grant "Storage Blob Data Owner" instead of "storage blob data reader", "Storage Blob Data Writer"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["Storage Blob Data Owner"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title:
                'Grant "Storage Blob Delegator" instead of "storage blob data reader", "Storage Blob Data Writer"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["Storage Blob Delegator"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title:
                'Grant "Storage Queue Data Reader" instead of "storage blob data reader", "Storage Blob Data Writer"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["Storage Queue Data Reader"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title:
                'Grant "Storage Queue Data Contributor" instead of "storage blob data reader", "Storage Blob Data Writer"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["Storage Queue Data Contributor"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title:
                'Grant "Storage Queue Data Message Sender" instead of "storage blob data reader", "Storage Blob Data Writer"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["Storage Queue Data Message Sender"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title:
                'Grant "Storage Queue Data Message Processor" instead of "storage blob data reader", "Storage Blob Data Writer"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["Storage Queue Data Message Processor"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title:
                'Grant "Storage Table Data Reader" instead of "storage blob data reader", "Storage Blob Data Writer"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["Storage Table Data Reader"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title:
                'Grant "Storage Table Data Contributor" instead of "storage blob data reader", "Storage Blob Data Writer"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["Storage Table Data Contributor"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title:
                'Grant "Storage File Data SMB Share Reader" instead of "storage blob data reader", "Storage Blob Data Writer"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["Storage File Data SMB Share Reader"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title:
                'Grant "Storage File Data SMB Share Contributor" instead of "storage blob data reader", "Storage Blob Data Writer"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["Storage File Data SMB Share Contributor"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
          ],
        },
        {
          subject: 'e2',
          suggestions: [
            {
              title: 'Grant "Storage Blob Data Reader" instead of "Storage Blob Data Rader"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Blob Data Reader"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title: 'Grant "Storage Blob Data Owner" instead of "Storage Blob Data Rader"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Blob Data Owner"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title: 'Grant "Storage Table Data Reader" instead of "Storage Blob Data Rader"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Table Data Reader"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title: 'Grant "Storage Blob Data Contributor" instead of "Storage Blob Data Rader"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Blob Data Contributor"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title: 'Grant "Storage Blob Delegator" instead of "Storage Blob Data Rader"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Blob Delegator"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title: 'Grant "Storage Queue Data Reader" instead of "Storage Blob Data Rader"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Queue Data Reader"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title: 'Grant "Storage Queue Data Contributor" instead of "Storage Blob Data Rader"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Queue Data Contributor"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title:
                'Grant "Storage Queue Data Message Sender" instead of "Storage Blob Data Rader"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Queue Data Message Sender"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title:
                'Grant "Storage Queue Data Message Processor" instead of "Storage Blob Data Rader"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Queue Data Message Processor"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title: 'Grant "Storage Table Data Contributor" instead of "Storage Blob Data Rader"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Table Data Contributor"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title:
                'Grant "Storage File Data SMB Share Reader" instead of "Storage Blob Data Rader"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage File Data SMB Share Reader"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
            {
              title:
                'Grant "Storage File Data SMB Share Contributor" instead of "Storage Blob Data Rader"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage File Data SMB Share Contributor"]
                access e3 lost -> st ["not-a-guid-1234"]
              `,
            },
          ],
        },
        {
          subject: 'e3',
          suggestions: [
            {
              title: 'Grant "Storage Blob Data Reader" instead of "not-a-guid-1234"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["Storage Blob Data Reader"]
              `,
            },
            {
              title: 'Grant "Storage Blob Data Contributor" instead of "not-a-guid-1234"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["Storage Blob Data Contributor"]
              `,
            },
            {
              title: 'Grant "Storage Blob Data Owner" instead of "not-a-guid-1234"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["Storage Blob Data Owner"]
              `,
            },
            {
              title: 'Grant "Storage Blob Delegator" instead of "not-a-guid-1234"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["Storage Blob Delegator"]
              `,
            },
            {
              title: 'Grant "Storage Queue Data Reader" instead of "not-a-guid-1234"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["Storage Queue Data Reader"]
              `,
            },
            {
              title: 'Grant "Storage Queue Data Contributor" instead of "not-a-guid-1234"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["Storage Queue Data Contributor"]
              `,
            },
            {
              title: 'Grant "Storage Queue Data Message Sender" instead of "not-a-guid-1234"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["Storage Queue Data Message Sender"]
              `,
            },
            {
              title: 'Grant "Storage Queue Data Message Processor" instead of "not-a-guid-1234"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["Storage Queue Data Message Processor"]
              `,
            },
            {
              title: 'Grant "Storage Table Data Reader" instead of "not-a-guid-1234"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["Storage Table Data Reader"]
              `,
            },
            {
              title: 'Grant "Storage Table Data Contributor" instead of "not-a-guid-1234"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["Storage Table Data Contributor"]
              `,
            },
            {
              title: 'Grant "Storage File Data SMB Share Reader" instead of "not-a-guid-1234"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["Storage File Data SMB Share Reader"]
              `,
            },
            {
              title: 'Grant "Storage File Data SMB Share Contributor" instead of "not-a-guid-1234"',
              output: `
                app api appService system
                app lost appService
                service st storage
                access e1 api -> st ["storage blob data reader","Storage Blob Data Writer"]
                access e2 lost -> st ["Storage Blob Data Rader"]
                access e3 lost -> st ["Storage File Data SMB Share Contributor"]
              `,
            },
          ],
        },
      ],
    },
  ],
})

describe('unknown-role suggestions', () => {
  it('offers the closest name for the service first', () => {
    const d = design()
      .app('api', { systemAssigned: true })
      .service('st', 'storage')
      .access('api', 'st', ['storage blob data reader'], { id: 'e1' })
      .build()
    const [finding] = findingsWithOffers(d, [unknownRole])
    expect(finding?.suggestions[0]?.edits).toEqual([
      { type: 'updateEdge', id: 'e1', set: { roles: ['Storage Blob Data Reader'] } },
    ])
  })
})
