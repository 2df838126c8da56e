import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

// What React Flow 12 needs to render and measure nodes in jsdom (see ../shared/STACK.md §4).
if (typeof window !== 'undefined') {
  class ResizeObserverStub {
    private readonly callback: ResizeObserverCallback
    constructor(callback: ResizeObserverCallback) {
      this.callback = callback
    }
    observe(target: Element): void {
      this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver)
    }
    unobserve(): void {}
    disconnect(): void {}
  }
  window.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver

  class DOMMatrixReadOnlyStub {
    m22: number
    constructor(transform?: string) {
      const scale = transform?.match(/scale\(([\d.]+)\)/)?.[1]
      this.m22 = scale !== undefined ? Number(scale) : 1
    }
  }
  Object.assign(window, { DOMMatrixReadOnly: DOMMatrixReadOnlyStub })

  Object.defineProperties(window.HTMLElement.prototype, {
    offsetWidth: { get: () => 160, configurable: true },
    offsetHeight: { get: () => 60, configurable: true },
  })
  ;(window.SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox = () =>
    ({ x: 0, y: 0, width: 40, height: 16 }) as DOMRect

  // d3-drag reads event.view.document; jsdom leaves `view` null for synthetic events.
  const viewGetter = Object.getOwnPropertyDescriptor(window.UIEvent.prototype, 'view')?.get
  Object.defineProperty(window.UIEvent.prototype, 'view', {
    configurable: true,
    get(this: UIEvent) {
      return viewGetter?.call(this) ?? document.defaultView
    },
  })
}

afterEach(() => {
  cleanup()
})
