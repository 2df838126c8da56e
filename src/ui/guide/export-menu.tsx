import { useState } from 'react'
import { sovereignLabel } from '../../catalog/clouds.ts'
import {
  EXPORT_FORMATS,
  EXPORT_LABELS,
  ExportError,
  exportDesign,
  exportFileName,
} from '../../export/export.ts'
import type { ExportOptions } from '../../export/model.ts'
import type { Design } from '../../model/types.ts'

export interface ExportMenuProps {
  readonly design: Design
  /** Saves a file: injected, so the page decides how (an anchor download, a file picker). */
  readonly download: (name: string, text: string) => void
  /** Live bindings and where identities go, when the designer knows them. */
  readonly options?: ExportOptions
}

/** Export the identity layer as Bicep, Terraform or an Azure CLI script. */
export function ExportMenu({ design, download, options }: ExportMenuProps) {
  const [refused, setRefused] = useState<string | null>(null)
  const save = (format: (typeof EXPORT_FORMATS)[number]): void => {
    try {
      download(exportFileName(design.name, format), exportDesign(design, format, options))
      setRefused(null)
    } catch (e) {
      if (!(e instanceof ExportError)) throw e
      setRefused(e.message)
    }
  }
  const cloudLabel = options?.cloud && sovereignLabel(options.cloud)
  return (
    <div role="group" aria-label="Export identity layer" className="export-menu">
      {cloudLabel && <span className="export-cloud">For {cloudLabel}:</span>}
      {EXPORT_FORMATS.map((format) => (
        <button key={format} type="button" onClick={() => save(format)}>
          Export {EXPORT_LABELS[format]}
        </button>
      ))}
      {refused && (
        <p role="alert" className="field-error">
          Export refused: {refused}
        </p>
      )}
    </div>
  )
}
