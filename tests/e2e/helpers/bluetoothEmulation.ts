/**
 * Chromium's real Web Bluetooth stack, driven by the BluetoothEmulation and DeviceAccess CDP
 * domains (shared/reference/web-bluetooth-testing.md): emulated peripherals whose GATT requests
 * are answered here, every one of them (an unanswered request hangs the page), and the chooser
 * answered once per prompt (selecting twice crashes the browser).
 */
import { expect, test as base, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';

export const CCCD = '00002902-0000-1000-8000-00805f9b34fb';

export interface CharacteristicProperties {
  read?: boolean;
  write?: boolean;
  writeWithoutResponse?: boolean;
  notify?: boolean;
  indicate?: boolean;
}

export interface EmulatedCharacteristic {
  readonly uuid: string;
  readonly properties: CharacteristicProperties;
  /** The value each read returns (asked afresh per read). */
  readonly read?: () => Uint8Array;
  /** ATT error code to answer reads with instead (e.g. 0x02 read not permitted); 0 = success. */
  readonly readError?: () => number;
}

export interface EmulatedService {
  readonly uuid: string;
  readonly characteristics: readonly EmulatedCharacteristic[];
}

export interface PeripheralSpec {
  /** Also the device id the chooser lists. */
  readonly address: string;
  readonly name: string;
  /** Services in the advertisement, which `services` filters match. */
  readonly advertised: readonly string[];
  readonly services: readonly EmulatedService[];
}

type CharacteristicOperationType = 'read' | 'write' | 'subscribe-to-notifications' | 'unsubscribe-from-notifications';

/** One request the page made of a characteristic, as the peripheral saw it. */
export interface CharacteristicOperation {
  readonly uuid: string;
  readonly type: CharacteristicOperationType;
  readonly data: number[] | null;
  readonly writeType: string | null;
  readonly atMs: number;
}

const fromBase64 = (data: string): number[] => Array.from(Buffer.from(data, 'base64'));
const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export class EmulatedPeripheral {
  readonly operations: CharacteristicOperation[] = [];
  /** GATT-level requests: 'connection' (each gatt.connect()) and 'discovery'. */
  readonly gattOperations: { readonly type: string; readonly atMs: number }[] = [];
  /** HCI code to answer the next connection requests with (0 = success). */
  connectionCode = 0;
  /** Reads that arrived while an earlier read was still unanswered. */
  overlappingReads = 0;
  private readonly byId = new Map<string, EmulatedCharacteristic>();
  private pendingReads = 0;
  /** False from a simulated disconnection until the app connects again. */
  private linkUp = true;
  /** Waiting for the next read to be answered. */
  private afterRead: (() => void)[] = [];
  /** While set, reads are left unanswered, as by a stack that hangs; release() answers them. */
  private held: Promise<void> | null = null;
  private release: (() => void) | null = null;

  constructor(
    private readonly bt: CDPSession,
    readonly spec: PeripheralSpec,
  ) {}

  /**
   * Builds the GATT table. Chromium forgets it when the link drops, so a test calls this again
   * to let the device "come back" before the app reconnects.
   */
  async install(): Promise<void> {
    const { address } = this.spec;
    for (const service of this.spec.services) {
      const { serviceId } = await this.bt.send('BluetoothEmulation.addService', { address, serviceUuid: service.uuid });
      for (const characteristic of service.characteristics) {
        const { characteristicId } = await this.bt.send('BluetoothEmulation.addCharacteristic', {
          serviceId,
          characteristicUuid: characteristic.uuid,
          properties: characteristic.properties,
        });
        this.byId.set(characteristicId, characteristic);
        // Without the CCCD, startNotifications() fails with NotSupportedError.
        if (characteristic.properties.notify || characteristic.properties.indicate) {
          await this.bt.send('BluetoothEmulation.addDescriptor', { characteristicId, descriptorUuid: CCCD });
        }
      }
    }
  }

  /**
   * The link drops, as if the device went out of range: the page gets gattserverdisconnected.
   * While the app polls, the drop is timed just after a read was answered: in Chromium 156 a
   * simulateGATTDisconnection that lands while a read is outstanding leaves the emulated adapter
   * stuck (no gattserverdisconnected, the read never settles, and every later connect() hangs).
   */
  async disconnect(): Promise<void> {
    const polling = this.operations.some((op) => op.type === 'read' && Date.now() - op.atMs < 500);
    if (polling) await new Promise<void>((resolve) => this.afterRead.push(resolve));
    this.linkUp = false;
    await this.bt.send('BluetoothEmulation.simulateGATTDisconnection', { address: this.spec.address });
  }

  /** The device stops answering reads (they stay pending, as on a hung stack). */
  holdReads(): void {
    this.held ??= new Promise<void>((resolve) => (this.release = resolve));
  }

  /** Answers the held reads (those the browser has given up on fail quietly) and goes on answering. */
  releaseReads(): void {
    this.release?.();
    this.held = null;
    this.release = null;
  }

  count(type: CharacteristicOperationType, uuid: string): number {
    return this.operations.filter((op) => op.type === type && op.uuid === uuid).length;
  }

  connections(): number {
    return this.gattOperations.filter((op) => op.type === 'connection').length;
  }

  async onGattOperation(type: 'connection' | 'discovery'): Promise<void> {
    this.gattOperations.push({ type, atMs: Date.now() });
    const code = type === 'connection' ? this.connectionCode : 0;
    if (type === 'connection' && code === 0) this.linkUp = true;
    await this.bt.send('BluetoothEmulation.simulateGATTOperationResponse', { address: this.spec.address, type, code });
  }

  /** Returns false when the id is not one of this peripheral's characteristics. */
  async onCharacteristicOperation(id: string, type: CharacteristicOperationType, data?: string, writeType?: string): Promise<boolean> {
    const characteristic = this.byId.get(id);
    if (!characteristic) return false;
    this.operations.push({ uuid: characteristic.uuid, type, data: data ? fromBase64(data) : null, writeType: writeType ?? null, atMs: Date.now() });
    const overlapping = type === 'read' && this.pendingReads > 0;
    if (overlapping) this.overlappingReads++;
    if (type === 'read') this.pendingReads++;
    const held = type === 'read' ? this.held : null;
    try {
      if (held) await held;
      const code = type === 'read' ? (characteristic.readError?.() ?? 0) : 0;
      const value = type === 'read' && code === 0 ? { data: toBase64(characteristic.read?.() ?? new Uint8Array()) } : {};
      await this.bt.send('BluetoothEmulation.simulateCharacteristicOperationResponse', { characteristicId: id, type, code, ...value });
    } catch (error) {
      // A request still in flight when the link dropped died with it.
      if (this.linkUp && !held) throw error;
    } finally {
      if (type === 'read') this.pendingReads--;
    }
    if (type === 'read') for (const resolve of this.afterRead.splice(0)) resolve();
    return true;
  }
}

/** The emulated adapter of one browser, and the chooser of one page. */
export class BluetoothEmulation {
  private readonly peripherals: EmulatedPeripheral[] = [];
  private stopping = false;
  private readonly answeredPrompts = new Set<string>();
  private choice: string | null = null;
  /** How many times the page opened the chooser (and it was answered). */
  prompts = 0;

  private constructor(
    private readonly bt: CDPSession,
    pg: CDPSession,
  ) {
    bt.on('BluetoothEmulation.gattOperationReceived', (e) => {
      this.answer(this.peripherals.find((p) => p.spec.address === e.address)?.onGattOperation(e.type));
    });
    bt.on('BluetoothEmulation.characteristicOperationReceived', (e) => {
      this.answer(
        (async () => {
          for (const p of this.peripherals) if (await p.onCharacteristicOperation(e.characteristicId, e.type, e.data, e.writeType)) return;
        })(),
      );
    });
    bt.on('BluetoothEmulation.descriptorOperationReceived', (e) => {
      const data = e.type === 'read' ? { data: toBase64(Uint8Array.of(0, 0)) } : {};
      this.answer(bt.send('BluetoothEmulation.simulateDescriptorOperationResponse', { descriptorId: e.descriptorId, type: e.type, code: 0, ...data }));
    });
    pg.on('DeviceAccess.deviceRequestPrompted', (e) => {
      const device = e.devices.find((d) => d.id === this.choice);
      // The event can come twice for one prompt; a second selectPrompt would crash the browser.
      if (!device || this.answeredPrompts.has(e.id)) return;
      this.answeredPrompts.add(e.id);
      this.prompts++;
      void pg.send('DeviceAccess.selectPrompt', { id: e.id, deviceId: device.id });
    });
  }

  /**
   * A response that fails while the test runs is a real failure (left unhandled, so the test
   * fails); once the test is over, a request of the closing page can no longer be answered.
   */
  private answer(response: Promise<unknown> | undefined): void {
    void response?.catch((error: unknown) => {
      if (!this.stopping) throw error;
    });
  }

  static async start(browser: Browser, context: BrowserContext, page: Page): Promise<BluetoothEmulation> {
    const bt = await browser.newBrowserCDPSession();
    const pg = await context.newCDPSession(page);
    await bt.send('BluetoothEmulation.enable', { state: 'powered-on', leSupported: true });
    await pg.send('DeviceAccess.enable');
    return new BluetoothEmulation(bt, pg);
  }

  /** A device already known to the system (so the chooser lists it at once), GATT table built. */
  async addPeripheral(spec: PeripheralSpec): Promise<EmulatedPeripheral> {
    await this.bt.send('BluetoothEmulation.simulatePreconnectedPeripheral', {
      address: spec.address,
      name: spec.name,
      manufacturerData: [],
      knownServiceUuids: [...spec.advertised],
    });
    const peripheral = new EmulatedPeripheral(this.bt, spec);
    await peripheral.install();
    this.peripherals.push(peripheral);
    return peripheral;
  }

  /** What the user picks when the page opens the chooser. */
  choose(peripheral: EmulatedPeripheral): void {
    this.choice = peripheral.spec.address;
  }

  /**
   * Emulation is per browser: turn it off before the next test enables it again. The page goes
   * first, so that no request of a still-polling app arrives at a disabled emulation.
   */
  async stop(page: Page): Promise<void> {
    this.stopping = true;
    await page.close();
    await this.bt.send('BluetoothEmulation.disable');
    await this.bt.detach();
  }
}

/** Playwright test with a `bluetooth` fixture: the page's real Web Bluetooth, emulated. */
export const test = base.extend<{ bluetooth: BluetoothEmulation }>({
  bluetooth: async ({ browser, context, page }, use) => {
    const bluetooth = await BluetoothEmulation.start(browser, context, page);
    await use(bluetooth);
    await bluetooth.stop(page);
  },
});

export { expect } from '@playwright/test';

/** The "Current pressure" readout: its number, and whether it is relative to the rest level. */
export async function readout(page: Page): Promise<{ value: number; aboveRest: boolean }> {
  const output = page.getByRole('status', { name: 'Current pressure' });
  const value = Number.parseFloat((await output.locator('.readout-value').textContent()) ?? '');
  const unit = (await output.locator('.readout-unit').textContent()) ?? '';
  return { value, aboveRest: unit.includes('above rest') };
}

/**
 * Waits until the readout shows the `absolute` reading within 0.5 cmH2O, or that minus `rest`
 * once it shows pressure above rest.
 */
export async function expectReadout(page: Page, absolute: number, rest: number): Promise<void> {
  await expect
    .poll(
      async () => {
        const { value, aboveRest } = await readout(page);
        return Math.abs(value - (aboveRest ? absolute - rest : absolute));
      },
      { timeout: 5000, intervals: [100] },
    )
    .toBeLessThanOrEqual(0.5);
}

/** uint32 little-endian, 0.1 Pa: an Environmental Sensing Pressure value for `cmH2O` absolute. */
export function essPressure(cmH2O: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, Math.round(cmH2O * 98.0665 * 10), true);
  return bytes;
}
