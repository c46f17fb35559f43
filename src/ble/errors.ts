import type { MessageKey } from '../i18n/messages';

export class UnsupportedDeviceError extends Error {
  override readonly name = 'UnsupportedDeviceError';
  constructor(name: string | undefined) {
    super(`${name ?? 'The device'} exposes none of the supported pressure services`);
  }
}

/** Web Bluetooth and GATT failures, as a message a person can act on. */
export function connectionErrorMessage(error: unknown): { key: MessageKey; detail: string } {
  const name = error instanceof Error ? error.name : '';
  const detail = error instanceof Error ? error.message : String(error);
  switch (name) {
    case 'NotFoundError':
      return { key: /cancel/i.test(detail) ? 'error.chooserCancelled' : 'error.notFound', detail };
    case 'SecurityError':
      return { key: 'error.security', detail };
    case 'TimeoutError':
      return { key: 'error.timeout', detail };
    // The link dropped or the stack gave up on an operation (Chrome: NetworkError; objects of
    // an ended connection: InvalidStateError; a connect cut short by disconnect: AbortError).
    case 'NetworkError':
    case 'InvalidStateError':
    case 'AbortError':
      return { key: 'error.network', detail };
    // A GATT error response: the device refused the operation (e.g. ATT "not permitted").
    case 'NotSupportedError':
      return { key: 'error.notSupported', detail };
    case 'UnsupportedDeviceError':
      return { key: 'error.unsupportedDevice', detail };
    case 'RememberedSensorGoneError':
      return { key: 'error.rememberedUnavailable', detail };
    default:
      return { key: 'error.unknown', detail };
  }
}
