/**
 * A block of code that keyboard users can scroll (WCAG 2.1.1): a wide or long `pre` is a tab stop,
 * announced as a named region, so arrow keys scroll what a mouse would.
 */
export function CodeBlock({
  label,
  code,
  className,
}: {
  /** What the code is, e.g. "C# code of contoso-web-1". */
  label: string
  code: string
  className?: string
}) {
  return (
    <pre className={className} tabIndex={0} role="region" aria-label={label}>
      <code>{code}</code>
    </pre>
  )
}
