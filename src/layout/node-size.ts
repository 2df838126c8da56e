/**
 * Every node is drawn at this size (the designer's canvas.css): layout and drawing geometry are
 * known from positions alone.
 */
export const NODE_WIDTH = 220
export const NODE_HEIGHT = 80
