/**
 * The data file: everything the app keeps, in one versioned JSON file the user can keep, move to
 * another browser and import there (docs/data-format.md).
 *
 * Written in pieces (one Blob part per session) and read line by line, so months of recordings
 * are never one string in memory. Samples are base64 of their little-endian bytes: exact to the
 * bit, and about a third of the size of numbers written out.
 *
 * Reading checks every session and every event: a session with anything unreadable is skipped
 * whole (and counted), never half imported.
 */
import { FAULT_CODES, type BlockSummary, type MvcValue, type PerfectProfile, type RepResult, type SessionSummary } from '../programs/types';
import { isProgramId } from '../programs/catalog';
import type { RepMeasures } from '../pipeline/types';
import type { SessionData } from './journal';
import type { JournalChunk, JournalEvent, JsonObject, JsonValue, SessionMeta } from './schema';

export const DATA_FILE_FORMAT = 'pelvic-floor-trainer-data';
/** Bumped when a reader of this version could no longer read what is written. */
export const DATA_FILE_VERSION = 1;

/** localStorage entries (key → parsed value) the app keeps for the user; keys start with this. */
export const PREFERENCES_PREFIX = 'pft.';
export type Preferences = Readonly<Record<string, JsonValue>>;

export interface DataFileHeader {
  readonly format: typeof DATA_FILE_FORMAT;
  readonly version: number;
  /** ISO 8601, UTC. */
  readonly exportedAt: string;
  readonly app: { readonly name: string; readonly version: string };
  readonly preferences: Preferences;
}

/** Why a file was refused as a whole: nothing of it was imported. */
export type DataFileProblem = { readonly kind: 'notDataFile' } | { readonly kind: 'newerVersion'; readonly version: number };

// ---------------------------------------------------------------------------------------------
// Samples: base64 of little-endian bytes.

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function littleEndianBytes(values: Float64Array | Float32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const view = new DataView(new ArrayBuffer(values.byteLength));
  const size = values.BYTES_PER_ELEMENT;
  for (let i = 0; i < values.length; i++) {
    if (size === 8) view.setFloat64(i * 8, values[i], true);
    else view.setFloat32(i * 4, values[i], true);
  }
  return new Uint8Array(view.buffer);
}

/** Whole words of little-endian bytes as values; null when the length is not a whole number of them. */
function valuesOf<T extends Float64Array | Float32Array>(
  bytes: Uint8Array,
  Kind: { new (buffer: ArrayBuffer): T; readonly BYTES_PER_ELEMENT: number },
): T | null {
  const size = Kind.BYTES_PER_ELEMENT;
  if (bytes.byteLength % size !== 0) return null;
  const buffer = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(buffer).set(bytes);
  if (!LITTLE_ENDIAN) {
    const view = new DataView(buffer);
    for (let i = 0; i < bytes.byteLength; i += size) {
      if (size === 8) view.setFloat64(i, view.getFloat64(i, true));
      else view.setFloat32(i, view.getFloat32(i, true));
    }
  }
  return new Kind(buffer);
}

/** 24 KiB at a time: a multiple of 3 (no padding mid-string) and well under the argument limit. */
const BASE64_BLOCK = 3 * 8192;

export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += BASE64_BLOCK) {
    parts.push(btoa(String.fromCharCode.apply(null, bytes.subarray(i, i + BASE64_BLOCK) as unknown as number[])));
  }
  return parts.join('');
}

/** null when `text` is not base64. */
export function fromBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

interface EncodedChunk {
  readonly n: number;
  readonly t: string;
  readonly p: string;
  readonly ref: string | null;
}

function encodeChunk(c: JournalChunk): EncodedChunk {
  return {
    n: c.t.length,
    t: toBase64(littleEndianBytes(c.t)),
    p: toBase64(littleEndianBytes(c.p)),
    ref: c.ref ? toBase64(littleEndianBytes(c.ref)) : null,
  };
}

function decodeChunk(v: unknown): JournalChunk | null {
  if (!isRecord(v) || !isCount(v.n) || typeof v.t !== 'string' || typeof v.p !== 'string' || (v.ref !== null && typeof v.ref !== 'string')) return null;
  const tBytes = fromBase64(v.t);
  const pBytes = fromBase64(v.p);
  const refBytes = typeof v.ref === 'string' ? fromBase64(v.ref) : null;
  const t = tBytes && valuesOf(tBytes, Float64Array);
  const p = pBytes && valuesOf(pBytes, Float32Array);
  const ref = refBytes && valuesOf(refBytes, Float32Array);
  if (!t || !p || t.length !== v.n || p.length !== v.n || (v.ref !== null && ref?.length !== v.n)) return null;
  for (const x of t) if (!Number.isFinite(x)) return null;
  return { t, p, ref: ref ?? null };
}

// ---------------------------------------------------------------------------------------------
// Numbers JSON cannot write (NaN, ±Infinity, which measures may hold) travel as {"$number": "NaN"}.

const NUMBER_TAG = '$number';

function replacer(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? { [NUMBER_TAG]: String(value) } : value;
}

function reviver(_key: string, value: unknown): unknown {
  if (isRecord(value) && Object.keys(value).length === 1) {
    const tagged = value[NUMBER_TAG];
    if (tagged === 'NaN' || tagged === 'Infinity' || tagged === '-Infinity') return Number(tagged);
  }
  return value;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text, reviver) as unknown;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Writing. Layout: the header and `"sessions":[` on line 1, one session per line, then
// `],"sessionCount":N}`: any JSON reader reads it whole, and ours reads it a line at a time.

export function fileHead(exportedAtMs: number, app: DataFileHeader['app'], preferences: Preferences): string {
  const header: DataFileHeader = { format: DATA_FILE_FORMAT, version: DATA_FILE_VERSION, exportedAt: new Date(exportedAtMs).toISOString(), app, preferences };
  return `${JSON.stringify(header, replacer).slice(0, -1)},"sessions":[`;
}

/** The `index`-th session (0-based) as its line, with the separator before it. */
export function sessionPart(session: SessionData, index: number): string {
  const encoded = { meta: session.meta, events: session.events, chunks: session.chunks.map(encodeChunk) };
  return `${index === 0 ? '\n' : ',\n'}${JSON.stringify(encoded, replacer)}`;
}

export function fileTail(sessionCount: number): string {
  return `\n],"sessionCount":${sessionCount}}\n`;
}

export interface WrittenFile {
  readonly blob: Blob;
  readonly sessions: number;
  /** Sessions the journal could not read: not in the file. */
  readonly unreadable: number;
}

/** The data file as a Blob built from one part per session, so no string holds it all. */
export async function writeDataFile(
  sessions: AsyncIterable<{ readonly data: SessionData | null }>,
  exportedAtMs: number,
  app: DataFileHeader['app'],
  preferences: Preferences,
): Promise<WrittenFile> {
  const parts: BlobPart[] = [fileHead(exportedAtMs, app, preferences)];
  let count = 0;
  let unreadable = 0;
  for await (const { data } of sessions) {
    if (data === null) unreadable++;
    else parts.push(new Blob([sessionPart(data, count++)]));
  }
  parts.push(fileTail(count));
  return { blob: new Blob(parts, { type: 'application/json' }), sessions: count, unreadable };
}

// ---------------------------------------------------------------------------------------------
// Reading.

/** The lines of a text stream (UTF-8), without their line ends. */
export async function* linesOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let pending: string[] = [];
  for (let done = false; !done;) {
    const next = await reader.read();
    done = next.done;
    // A character split across two reads is held back by the decoder until the rest arrives.
    const text = done ? decoder.decode() : decoder.decode(next.value, { stream: true });
    let from = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', from)) {
      pending.push(text.slice(from, end));
      yield pending.join('');
      pending = [];
      from = end + 1;
    }
    if (from < text.length) pending.push(text.slice(from));
  }
  if (pending.length > 0) yield pending.join('');
}

/**
 * Reads a data file from its lines. Use: iterate `sessions()`, then look at what the reader found.
 * The sessions come out one at a time, each checked whole.
 */
export class DataFileReader {
  header: DataFileHeader | null = null;
  /** Set when the file was refused as a whole (then no session comes out). */
  problem: DataFileProblem | null = null;
  /** Sessions that could not be read. */
  skipped = 0;
  read = 0;
  /** False: the file ends early, or sessions are missing from it (its count says more). */
  complete = false;

  constructor(private readonly lines: AsyncIterable<string> | Iterable<string>) {}

  async *sessions(): AsyncGenerator<SessionData> {
    // Our own layout is read line by line; any other JSON (say, re-indented) is read whole.
    let mode: 'head' | 'body' | 'whole' | 'tail' = 'head';
    const whole: string[] = [];
    let expected: number | null = null;
    for await (const raw of this.lines) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (mode === 'head') {
        if (line.trim() === '') continue;
        const head = line.endsWith('"sessions":[') ? parse(`${line}]}`) : undefined;
        if (head === undefined) {
          mode = 'whole';
          whole.push(line);
          continue;
        }
        if (!this.takeHeader(head)) return;
        mode = 'body';
      } else if (mode === 'whole') whole.push(line);
      else if (mode === 'body') {
        if (line.startsWith(']')) {
          const tail = parse(`{${line.slice(2)}`);
          expected = isRecord(tail) && isCount(tail.sessionCount) ? tail.sessionCount : -1;
          mode = 'tail';
          continue;
        }
        const session = this.take(parse(line.endsWith(',') ? line.slice(0, -1) : line));
        if (session) yield session;
      }
    }
    if (mode === 'head') this.problem = { kind: 'notDataFile' };
    else if (mode === 'tail') this.complete = expected === this.read + this.skipped;
    else if (mode === 'whole') {
      const file = parse(whole.join('\n'));
      if (!this.takeHeader(file) || !isRecord(file) || !Array.isArray(file.sessions)) {
        this.problem ??= { kind: 'notDataFile' };
        return;
      }
      for (const v of file.sessions as unknown[]) {
        const session = this.take(v);
        if (session) yield session;
      }
      this.complete = file.sessionCount === undefined || file.sessionCount === this.read + this.skipped;
    }
  }

  private takeHeader(v: unknown): boolean {
    if (!isRecord(v) || v.format !== DATA_FILE_FORMAT || !isCount(v.version) || v.version < 1) {
      this.problem = { kind: 'notDataFile' };
      return false;
    }
    if (v.version > DATA_FILE_VERSION) {
      this.problem = { kind: 'newerVersion', version: v.version };
      return false;
    }
    const app =
      isRecord(v.app) && typeof v.app.name === 'string' && typeof v.app.version === 'string'
        ? { name: v.app.name, version: v.app.version }
        : { name: '', version: '' };
    const preferences = isRecord(v.preferences)
      ? Object.fromEntries(Object.entries(v.preferences).filter(([key, value]) => key.startsWith(PREFERENCES_PREFIX) && isJson(value)) as [string, JsonValue][])
      : {};
    this.header = { format: DATA_FILE_FORMAT, version: v.version, exportedAt: typeof v.exportedAt === 'string' ? v.exportedAt : '', app, preferences };
    return true;
  }

  private take(v: unknown): SessionData | null {
    const session = sessionOf(v);
    if (session) this.read++;
    else this.skipped++;
    return session;
  }
}

// ---------------------------------------------------------------------------------------------
// Checks: each returns the value with its type, or null.

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const isFiniteNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** Measures may be NaN (nothing to measure); the type is what matters. */
const isNum = (v: unknown): v is number => typeof v === 'number';
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const orNull =
  <T>(check: (v: unknown) => v is T) =>
  (v: unknown): v is T | null =>
    v === null || check(v);
const isNumOrNull = orNull(isNum);
const isFiniteOrNull = orNull(isFiniteNum);
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const oneOf =
  <T extends string>(values: readonly T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (values as readonly string[]).includes(v);

function isJson(v: unknown): v is JsonValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return true;
  if (Array.isArray(v)) return v.every(isJson);
  return isRecord(v) && Object.values(v).every(isJson);
}
const isJsonObject = (v: unknown): v is JsonObject => isRecord(v) && isJson(v);

const isStatus = oneOf(['active', 'ended', 'interrupted'] as const);
const isPhase = oneOf(['main', 'power', 'endurance', 'repetitions', 'fast'] as const);
const isFault = oneOf(FAULT_CODES);
const isRole = oneOf(['cued', 'extra', 'free'] as const);

function isParams(v: unknown): boolean {
  return isRecord(v) && ['holdMs', 'restMs', 'reps', 'sets', 'setRestMs', 'flicks'].every((k) => isFiniteNum(v[k]));
}

function isMeta(v: unknown): v is SessionMeta {
  return (
    isRecord(v) &&
    typeof v.id === 'string' &&
    v.id.length > 0 &&
    isFiniteNum(v.startedAtMs) &&
    isFiniteNum(v.updatedAtMs) &&
    isFiniteOrNull(v.endedAtMs) &&
    isStatus(v.status) &&
    (v.programId === null || (typeof v.programId === 'string' && isProgramId(v.programId))) &&
    (v.params === null || isParams(v.params)) &&
    isJsonObject(v.settings) &&
    isNumOrNull(v.mvcCmH2O) &&
    isRecord(v.device) &&
    typeof v.device.name === 'string' &&
    typeof v.device.profile === 'string' &&
    isBool(v.device.simulated) &&
    isCount(v.repsJudged) &&
    (v.resume === null || isJsonObject(v.resume))
  );
}

function isMeasures(v: unknown): v is RepMeasures {
  return (
    isRecord(v) &&
    ['index', 'onsetMs', 'detectedAtMs', 'peakMs', 'peakCmH2O', 'baselineCmH2O', 'durationMs', 'releaseMs', 'riseTimeMs', 'holdFade', 'steadiness'].every((k) =>
      isNum(v[k]),
    ) &&
    isNumOrNull(v.relaxedMs) &&
    (v.riseTimeMinMs === undefined || isNum(v.riseTimeMinMs)) &&
    (v.riseTimeMaxMs === undefined || isNum(v.riseTimeMaxMs)) &&
    (v.straining === null || isBool(v.straining)) &&
    isNumOrNull(v.referenceRiseCmH2O) &&
    isBool(v.cut)
  );
}

function isScoredRep(v: unknown): boolean {
  return (
    isMeasures(v) &&
    isRecord(v) &&
    isNum(v.score) &&
    Array.isArray(v.faults) &&
    v.faults.every(isFault) &&
    isRecord(v.feedback) &&
    typeof v.feedback.key === 'string' &&
    (v.cueIndex === null || isCount(v.cueIndex)) &&
    isRole(v.role)
  );
}

function isRepResult(v: unknown): v is RepResult {
  if (!isRecord(v) || !isCount(v.set) || !isPhase(v.phase)) return false;
  if (v.kind === 'rep') return isScoredRep(v.rep);
  if (v.kind === 'missed') return isCount(v.cueIndex) && isNum(v.cueMs);
  if (v.kind === 'cut')
    return isCount(v.cueIndex) && isNum(v.cueMs) && (v.rep === null || isMeasures(v.rep)) && (v.stopped === undefined || v.stopped === true);
  return false;
}

function isBlock(v: unknown): v is BlockSummary {
  return (
    isRecord(v) &&
    isCount(v.repsDone) &&
    isCount(v.missed) &&
    isCount(v.cut) &&
    ['averageScore', 'bestPeakCmH2O', 'bestPeakPctMvc', 'averagePeakPctMvc', 'fatigue'].every((k) => isNumOrNull(v[k])) &&
    isNum(v.totalHoldMs) &&
    isRecord(v.faults) &&
    // A fault added later (the Knack's) is absent from sessions journaled before it: none counted.
    FAULT_CODES.every((f) => {
      const n = (v.faults as Record<string, unknown>)[f];
      return n === undefined || isCount(n);
    }) &&
    (v.focus === null || isFault(v.focus))
  );
}

function isMvc(v: unknown): v is MvcValue {
  return isRecord(v) && isNum(v.cmH2O) && (v.source === 'test' || v.source === 'estimate');
}

function isPerfect(v: unknown): v is PerfectProfile {
  return isRecord(v) && isNumOrNull(v.powerCmH2O) && isNum(v.enduranceS) && isNum(v.repetitions) && isNum(v.fast);
}

function isSummary(v: unknown): v is SessionSummary {
  return (
    isRecord(v) &&
    typeof v.programId === 'string' &&
    isProgramId(v.programId) &&
    isBool(v.completed) &&
    (v.fromStep === undefined || isCount(v.fromStep)) &&
    Array.isArray(v.sets) &&
    v.sets.every(isBlock) &&
    isBlock(v.session) &&
    (v.mvc === null || isMvc(v.mvc)) &&
    isNumOrNull(v.measuredMvcCmH2O) &&
    (v.perfect === null || isPerfect(v.perfect))
  );
}

function isEvent(v: unknown): v is JournalEvent {
  if (!isRecord(v) || !isFiniteNum(v.tMs)) return false;
  const d = v.data;
  switch (v.kind) {
    case 'cue':
      return isRecord(d) && (d.cue === 'squeeze' || d.cue === 'relax');
    case 'gap':
      return isRecord(d) && (d.edge === 'start' || d.edge === 'end');
    case 'result':
      return isRepResult(d);
    case 'set':
      return isRecord(d) && isCount(d.index) && isBlock(d.summary);
    case 'summary':
      return isSummary(d);
    case 'calibration':
      return isMvc(d);
    case 'note':
      return d !== undefined && isJson(d);
    default:
      return false;
  }
}

/** A session from the file, checked whole: null when anything in it cannot be read. */
function sessionOf(v: unknown): SessionData | null {
  if (!isRecord(v) || !isMeta(v.meta) || !Array.isArray(v.events) || !Array.isArray(v.chunks)) return null;
  const events: JournalEvent[] = [];
  for (const e of v.events as unknown[]) {
    if (!isEvent(e)) return null;
    events.push({ kind: e.kind, tMs: e.tMs, data: e.data } as JournalEvent);
  }
  const chunks: JournalChunk[] = [];
  for (const c of v.chunks as unknown[]) {
    const chunk = decodeChunk(c);
    if (!chunk) return null;
    chunks.push(chunk);
  }
  const m = v.meta;
  // Only the fields the journal knows: nothing else in the file reaches storage.
  const meta: SessionMeta = {
    id: m.id,
    startedAtMs: m.startedAtMs,
    updatedAtMs: m.updatedAtMs,
    endedAtMs: m.endedAtMs,
    status: m.status,
    programId: m.programId,
    params: m.params,
    settings: m.settings,
    mvcCmH2O: m.mvcCmH2O,
    device: { name: m.device.name, profile: m.device.profile, simulated: m.device.simulated },
    repsJudged: m.repsJudged,
    resume: m.resume,
  };
  return { meta, chunks, events };
}
