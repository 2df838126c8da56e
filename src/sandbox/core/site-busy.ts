import { type Ctx, json, newGuid, nowIso } from './context.ts'
import { tryLock } from './locks.ts'
import type { SandboxResponse } from './types.ts'

/**
 * App Service refuses a write to a site while another operation on it runs (faults.locks.siteMs
 * after each write): 409 in Microsoft.Web's own error shape, PascalCase at the top level, not
 * ARM's `{ error: { code, message } }` (Azure/logicapps#1306, microsoft/Partner-Smart-Office#1).
 * Otherwise the write takes the site for that long, and undefined lets it through.
 */
export function siteBusy(ctx: Ctx, siteId: string): SandboxResponse | undefined {
  const hold = ctx.settings.faults.locks.siteMs
  if (hold <= 0 || tryLock(ctx, siteId, hold)) return undefined
  const details = `Id: ${newGuid(ctx)}, OperationName: Update, CreatedTime: ${nowIso(ctx)}, RequestId: ${newGuid(ctx)}, EntityType: 1`
  const message = `Cannot modify this site because another operation is in progress. Details: ${details}`
  return json(409, {
    Code: 'Conflict',
    Message: message,
    Target: null,
    Details: [
      { Message: message },
      { Code: 'Conflict' },
      {
        ErrorEntity: {
          ExtendedCode: '59203',
          MessageTemplate:
            'Cannot modify this site because another operation is in progress. Details: {0}',
          Parameters: [details],
          Code: 'Conflict',
          Message: message,
        },
      },
    ],
    Innererror: null,
  })
}
