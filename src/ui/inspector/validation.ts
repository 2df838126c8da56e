import { characterCount, NAME_MAX } from '../../model/kinds.ts'

/** A node or design name: 1–128 characters (PRODUCT.md §4), counted as the file format counts them. */
export const validateName = (text: string): string | undefined =>
  text.trim().length === 0
    ? 'A name is required.'
    : characterCount(text) > NAME_MAX
      ? `At most ${NAME_MAX} characters.`
      : undefined
