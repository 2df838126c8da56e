/** A node or design name: 1–128 characters (PRODUCT.md §4). */
export const validateName = (text: string): string | undefined =>
  text.trim().length === 0
    ? 'A name is required.'
    : text.length > 128
      ? 'At most 128 characters.'
      : undefined
