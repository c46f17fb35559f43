import type { MessageKey } from '../i18n/messages';

/** Web Bluetooth and GATT failures, as a message a person can act on. */
export function connectionErrorMessage(error: unknown): { key: MessageKey; detail: string } {
  const name = error instanceof Error ? error.name : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'NotFoundError' && /cancel/i.test(detail)) return { key: 'error.chooserCancelled', detail };
  if (name === 'NotFoundError') return { key: 'error.notFound', detail };
  if (name === 'SecurityError') return { key: 'error.security', detail };
  if (name === 'NetworkError' || name === 'TimeoutError' || name === 'NotSupportedError') return { key: 'error.network', detail };
  if (name === 'UnsupportedDeviceError') return { key: 'error.unsupportedDevice', detail };
  return { key: 'error.unknown', detail };
}
