import { describeError } from '../../apply/describe.ts'
import type { ApplyState } from './types.ts'

/**
 * Runs async work under a busy label; a failure becomes the dialog's error text (by default ARM's
 * error and advice; `failed` words it for the work at hand), never a throw. Resolves to whether
 * the work succeeded.
 */
export async function whileBusy(
  set: (partial: Partial<ApplyState>) => void,
  label: string,
  work: () => Promise<void>,
  failed: (e: unknown) => Partial<ApplyState> = (e) => ({ error: describeError(e) }),
): Promise<boolean> {
  set({ busy: label, error: null, retryBind: false })
  try {
    await work()
    return true
  } catch (e) {
    set(failed(e))
    return false
  } finally {
    set({ busy: null })
  }
}
