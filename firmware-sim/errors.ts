/** The errors Chrome raises for GATT operations, with its names and messages. */

export const disconnectedError = (what: string): DOMException =>
  new DOMException(`GATT Server is disconnected. Cannot ${what}. (Re)connect first with \`device.gatt.connect\`.`, 'NetworkError');

export const notPermitted = (uuid: string, operation: string): DOMException =>
  new DOMException(`GATT operation not permitted: characteristic ${uuid} does not support ${operation}.`, 'NotSupportedError');

/** How a rejected Control Point write (ATT error 0x80) reaches the page. */
export const applicationError = (reason: string): DOMException =>
  new DOMException(`GATT operation failed: ATT error 0x80 (application error): ${reason}`, 'NotSupportedError');
