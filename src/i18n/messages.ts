/**
 * The one catalog of user-facing text. English first; Norwegian, Swedish and Danish follow by
 * adding a catalog with the same keys (the type makes a missing key a compile error).
 */
const en = {
  'app.title': 'Pelvic floor trainer',
  'app.tagline': 'See your pelvic-floor squeeze as you do it, and learn to do it right.',
  'connect.real': 'Connect sensor',
  'connect.sim': 'Use simulated sensor',
  'connect.disconnect': 'Disconnect',
  'connect.noBluetooth':
    'This browser cannot use Bluetooth. Use Chrome or Edge on Android, Windows, macOS or ChromeOS to pair a real sensor; until then you can try the simulated sensor.',
  'connect.simNote': 'The simulated sensor squeezes by itself, so you can see how the app works without a device.',
  'status.idle': 'No sensor connected',
  'status.connecting': 'Connecting…',
  'status.connected': 'Connected to {name}',
  'status.reconnecting': 'Reconnecting…',
  'status.disconnected': 'Sensor disconnected',
  'status.failed': 'Connection failed',
  'readout.label': 'Current pressure',
  'readout.unit': 'cmH2O',
  'readout.aboveRest': 'above rest',
  'readout.waiting': '–',
  'chart.label': 'Pressure over the last 30 seconds',
  'chart.axisTime': 'seconds',
  'chart.axisPressure': 'cmH2O',
  'device.battery': 'Battery {percent} %',
  'device.simulated': 'Simulated sensor',
  'device.badPackets': '{count} damaged packets ignored',
  'device.lostSamples': '{count} samples lost in transit',
  'error.chooserCancelled': 'No sensor was chosen.',
  'error.notFound': 'No supported sensor was found. Is it switched on and close by?',
  'error.security': 'The browser did not allow access to this sensor.',
  'error.network': 'The sensor did not answer. Move closer, check its battery, and try again.',
  'error.unsupportedDevice': 'This device is not a supported pressure sensor.',
  'error.unknown': 'Something went wrong with the connection: {detail}',
} as const;

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;

const catalogs: Record<string, Catalog> = { en };
let active: Catalog = en;

export function setLocale(locale: string): void {
  active = catalogs[locale] ?? catalogs[locale.split('-')[0]] ?? en;
}

/** Look up a message and fill its `{name}` placeholders. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = active[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
