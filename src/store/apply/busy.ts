import { describeError } from '../../apply/describe.ts'
import type { ApplyState } from './types.ts'

/**
 * Runs async work under a busy label; a failure becomes the dialog's error text, never a throw.
 * Resolves to whether the work succeeded.
 */
export async function whileBusy(
  set: (partial: Partial<ApplyState>) => void,
  label: string,
  work: () => Promise<void>,
): Promise<boolean> {
  set({ busy: label, error: null })
  try {
    await work()
    return true
  } catch (e) {
    set({ error: describeError(e) })
    return false
  } finally {
    set({ busy: null })
  }
}
