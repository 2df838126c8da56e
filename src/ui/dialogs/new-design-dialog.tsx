import { TEMPLATES } from '../../templates/index.ts'
import { laidOut } from '../../layout/layered.ts'
import { Icon } from '../icons.tsx'
import { useStoreApi } from '../store-context.tsx'
import { Modal } from './modal.tsx'

/** New: an empty design or one of the tutorial's scenarios. */
export function NewDesignDialog({ onClose }: { onClose: () => void }) {
  const store = useStoreApi()
  return (
    <Modal title="New design" onClose={onClose} wide>
      <p className="muted">
        The current design stays in <strong>Recent designs</strong>.
      </p>
      <ul className="template-list">
        {TEMPLATES.map((t, i) => (
          <li key={t.id}>
            <button
              type="button"
              className="template"
              {...(i === 0 ? { 'data-autofocus': true } : {})}
              onClick={() => {
                onClose()
                // Templates open laid out in layers, with room for the access labels.
                void laidOut(t.design).then(
                  (design) => store.getState().loadDesign(design),
                  () => store.getState().loadDesign(t.design),
                )
              }}
            >
              <span className="template-title">{t.title}</span>
              <span className="template-summary">{t.summary}</span>
              <span className="template-meta">
                {t.design.nodes.length} nodes · {t.design.edges.length} connections
              </span>
              <Icon name="chevron" size={16} />
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  )
}
