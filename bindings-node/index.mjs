// ESM entry: the same objects as the CommonJS entry, so `instanceof MxError` holds across both.
import mx from './index.js'

export const { MemoryStore, MxError } = mx
export default mx
