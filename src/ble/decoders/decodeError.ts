/**
 * Error discipline shared by every device decoder: a decoder returns finite numbers or throws a
 * DecodeError, whatever bytes it is given. The link counts these and drops the packet.
 */
export type DecodeErrorKind = 'malformed' | 'out-of-range';

export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  constructor(
    readonly kind: DecodeErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** One sample of a device without timestamps: main channel and, where it has one, a reference. */
export interface Reading {
  readonly main: number;
  readonly ref: number | null;
}

const hex = (view: DataView): string =>
  Array.from(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), (b) => b.toString(16).padStart(2, '0')).join(' ');

/** Throws unless the value is at least `min` bytes long. */
export function requireLength(view: DataView, min: number, what: string): void {
  if (view.byteLength < min) {
    throw new DecodeError('malformed', `${what}: expected at least ${min} bytes, got ${view.byteLength} (${hex(view)})`);
  }
}

/** Throws unless the value is exactly `length` bytes long. */
export function requireExactLength(view: DataView, length: number, what: string): void {
  if (view.byteLength !== length) {
    throw new DecodeError('malformed', `${what}: expected ${length} bytes, got ${view.byteLength} (${hex(view)})`);
  }
}

/** Throws unless min ≤ value ≤ max. */
export function requireRange(value: number, min: number, max: number, what: string): void {
  if (!(value >= min && value <= max)) {
    throw new DecodeError('out-of-range', `${what} ${value} is outside ${min}–${max}`);
  }
}
