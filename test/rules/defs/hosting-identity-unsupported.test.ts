import { hostingIdentityUnsupported } from '@/rules/defs/hosting-identity-unsupported.ts'
import { design } from '../../support/builder.ts'
import { testRule } from '../../support/rule-tester.ts'

testRule(hostingIdentityUnsupported, {
  valid: [
    {
      name: 'AKS with user-assigned identities; a Logic App with one identity; other hostings with many',
      design: design()
        .app('pod', { hosting: 'aksWorkload', systemAssigned: false })
        .app('flow', { hosting: 'logicApp', systemAssigned: true })
        .app('vm', { hosting: 'virtualMachine', systemAssigned: true })
        .identity('m1')
        .identity('m2')
        .attach('pod', 'm1')
        .attach('pod', 'm2')
        .attach('vm', 'm1')
        .attach('vm', 'm2')
        .build(),
    },
    {
      name: 'a Logic App attached twice to the same identity has one identity',
      design: design()
        .app('flow', { hosting: 'logicApp' })
        .identity('m1')
        .attach('flow', 'm1')
        .attach('flow', 'm1', 'again')
        .build(),
    },
  ],
  invalid: [
    {
      name: 'AKS with system-assigned: switch it off when unused, else no fix',
      design: design()
        .app('pod', { hosting: 'aksWorkload', systemAssigned: true })
        .app('job', { hosting: 'aksWorkload', systemAssigned: true })
        .service('st', 'storage')
        .access('job', 'st', ['Storage Blob Data Reader'])
        .build(),
      findings: [
        { subject: 'job' },
        {
          subject: 'pod',
          message: 'workload identity',
          fixes: [
            {
              title: 'Switch off the system-assigned identity of "pod"',
              output: `
                app pod aksWorkload system=false
                app job aksWorkload system
                service st storage
                access job-st job -> st ["Storage Blob Data Reader"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a Logic App with system-assigned plus an identity, or two identities',
      design: design()
        .app('flow1', { hosting: 'logicApp', systemAssigned: true })
        .app('flow2', { hosting: 'logicApp' })
        .identity('m1')
        .identity('m2')
        .attach('flow1', 'm1')
        .attach('flow2', 'm1')
        .attach('flow2', 'm2')
        .build(),
      findings: [
        { subject: 'flow1', related: ['m1'], message: '2 identities' },
        { subject: 'flow2', related: ['m1', 'm2'] },
      ],
    },
  ],
})
