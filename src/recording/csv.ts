/**
 * Recordings as CSV: a header row, then one row per sample.
 *
 *   t_ms,pressure_cmH2O[,reference_cmH2O][,cue][,event]
 *
 * `t_ms` is stream time in ms (never going backwards), pressures are cmH2O, `cue` is `squeeze`,
 * `relax` or empty (the cue the app gave at that sample). `event` is `gap` on the first sample
 * after a link drop, and empty otherwise: no samples were received between the row before and
 * this one, so nothing may be read into the jump in time (a rep across it was cut short). It is a
 * column of its own, not a cue, so a gap and a cue can fall on the same sample; it is written
 * only when there are gaps, and a `gap` on the first row says nothing and is ignored. Files
 * without the column have no gaps. Columns may come in any order; unknown
 * columns are ignored; a byte-order mark and CRLF line ends are accepted. An empty reference
 * cell is a missing reading (NaN). Files written by spreadsheets and statistics tools are read
 * too: cells in double quotes, and `;` (or tab) between cells, with a decimal comma after `;`
 * (how Nordic spreadsheets save CSV). Pure: no Node or DOM APIs, so the browser can use it too.
 *
 * Read as a stream (CsvReader: text in pieces of any size, samples out one by one), so a file of
 * any length takes the same memory. What no sensor can have sent is not read into the recording
 * but counted (CsvReport), and the rest is kept:
 * - a row whose pressure is missing, not a number, infinite or outside the sensor's range
 *   (input-guard.ts) is dropped; such a reference reading becomes a missing one;
 * - a time that is not a number, or that jumps (back, or ahead by more than MAX_STEP_MS) while
 *   the row after it goes on from the time before, is a glitch: the row is dropped; when the rows
 *   after go on from the jumped time, the clock jumped: ahead, the jump is a gap in the
 *   recording; back (the clock restarted), the times after it are moved on to follow the last
 *   one as after a one-second link gap;
 * - a step back of up to BEHIND_TOLERANCE_MS is jitter and reads as no time passing.
 * Fatal, naming the line (CsvError): text that is not a CSV file (NUL bytes, binary, a line
 * longer than MAX_LINE_CHARS), a missing column, an unknown cue or event, times that never
 * advance or span more than MAX_SPAN_MS, and a file with no usable sample.
 */
import { isPlausibleReading } from '../pipeline/input-guard.ts';
import type { Cue, CueKind } from '../pipeline/types.ts';

export interface Recording {
  /** Stream time of each sample, ms. */
  readonly t: Float64Array;
  /** Main channel, cmH2O. */
  readonly p: Float32Array;
  /** Reference channel, cmH2O (NaN for a missing reading), or null when the file has none. */
  readonly ref: Float32Array | null;
  /** Cues given during the recording, in time order. */
  readonly cues: readonly Cue[];
  /**
   * Where the link was down, in time order: no samples between fromMs and toMs. In a file, from
   * the sample before the gap to the first one after it.
   */
  readonly gaps: readonly { readonly fromMs: number; readonly toMs: number }[];
}

export type CsvErrorKind =
  | 'empty'
  | 'not-text'
  | 'line-too-long'
  | 'missing-column'
  | 'not-a-number'
  | 'time-backwards'
  | 'time-stuck'
  | 'time-span'
  | 'unknown-cue'
  | 'unknown-event'
  | 'missing-value';

/** A problem in a CSV file, at a 1-based line, in plain words. */
export class CsvError extends Error {
  override readonly name = 'CsvError';

  constructor(
    readonly kind: CsvErrorKind,
    /** 1-based line number in the file. */
    readonly line: number,
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
  }
}

export const CSV_COLUMNS = {
  time: 't_ms',
  pressure: 'pressure_cmH2O',
  reference: 'reference_cmH2O',
  cue: 'cue',
  event: 'event',
} as const;

const CUE_KINDS: readonly CueKind[] = ['squeeze', 'cough', 'relax'];
/** The one event so far: the link was down before this sample. */
const GAP_EVENT = 'gap';

/** A row this long is no recording's (one holds a few numbers): the file is refused, chars. */
export const MAX_LINE_CHARS = 4096;
/** The first this many characters of a file must be text (no NUL, no binary), chars. */
const TEXT_CHECK_CHARS = 1024;
/** Longer than this between two rows is a jump in time, unless the rows after agree, ms. */
export const MAX_STEP_MS = 10 * 60_000;
/** A step back this small is jitter between two clocks, not a jump, ms. */
const BEHIND_TOLERANCE_MS = 50;
/** A clock that restarted is joined on as after a link gap this long, ms. */
const RESTART_GAP_MS = 1000;
/** No recording lasts longer: a longer span means the times are not stream times, ms. */
export const MAX_SPAN_MS = 7 * 24 * 3_600_000;
/** This many rows in a row at one time: the time column does not advance. */
export const MAX_SAME_TIME_ROWS = 1000;
/** No pressure sensor sends faster; a file that does has times in some other unit, Hz. */
const MAX_RATE_HZ = 10_000;
/** Columns a header may put the ones read among. */
const MAX_COLUMNS = 256;
/** Rows that any rate check needs before it can judge. */
const MIN_ROWS_FOR_RATE = 100;

/** Why a row, or a reference reading, was not read into the recording. */
export type RejectReason = 'missing-value' | 'not-a-number' | 'not-finite' | 'out-of-range' | 'time-glitch';

/** What a reader left out or moved, so that the user hears of it. */
export interface CsvReport {
  /** Rows read into the recording. */
  samples: number;
  /** Rows dropped, by why (pressure or time). */
  readonly rejected: Record<RejectReason, number>;
  /** Reference readings read as missing, because they could not be readings. */
  rejectedReferences: number;
  /** The first lines dropped, in file order (at most REPORT_LINES). */
  readonly rejectedLines: number[];
  /** Clock jumps kept as gaps (ahead) or joined on (a restarted clock). */
  timeJumps: number;
  /** Line of the first clock jump, or null. */
  firstJumpLine: number | null;
  /** First and last time read, ms (NaN before any). */
  firstMs: number;
  lastMs: number;
}

/** How many rejected lines a report lists. */
const REPORT_LINES = 5;

function newReport(): CsvReport {
  return {
    samples: 0,
    rejected: { 'missing-value': 0, 'not-a-number': 0, 'not-finite': 0, 'out-of-range': 0, 'time-glitch': 0 },
    rejectedReferences: 0,
    rejectedLines: [],
    timeJumps: 0,
    firstJumpLine: null,
    firstMs: Number.NaN,
    lastMs: Number.NaN,
  };
}

/** Rows dropped in all. */
export function rejectedRows(report: CsvReport): number {
  let n = 0;
  for (const k in report.rejected) n += report.rejected[k as RejectReason];
  return n;
}

/** Where a reader puts what it reads, in file order: a gap comes just before the sample after it. */
export interface CsvSink {
  sample(tMs: number, p: number, ref: number): void;
  cue(cue: Cue): void;
  gap(fromMs: number, toMs: number): void;
}

/**
 * A cell as it may be shown in a message: at most `max` characters, control characters (terminal
 * escapes among them) and bidirectional overrides shown as '?', so a file cannot write to a
 * terminal through an error message.
 */
export function printable(cell: string, max = 40): string {
  // eslint-disable-next-line no-control-regex
  const clean = cell.slice(0, max + 1).replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** Whether a piece of text holds something no text file has: NUL, other C0 controls, undecodable bytes. */
function looksBinary(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000e-\u001a\u001c-\u001f\ufffd]/.test(text);
}

/**
 * The streaming reader: `push` pieces of text as they come (any size, split anywhere), then
 * `end`. Samples, cues and gaps go to the sink in file order; one row is held back until the
 * next tells whether its time jumped. Throws a CsvError at the first fatal problem.
 */
export class CsvReader {
  readonly report: CsvReport = newReport();
  private rest = '';
  private lineNo = 0;
  private checkedChars = 0;
  private header: Header | null = null;
  private headerLine = 0;
  // The held-back row (heldLine 0: none).
  private heldLine = 0;
  private heldT = 0;
  private heldP = 0;
  private heldRef = 0;
  private heldCue: CueKind | null = null;
  private heldGap = false;
  /** A `gap` seen on a dropped row: it belongs to the next row read. */
  private gapCarried = false;
  /** Added to every time after a clock restart, ms. */
  private offsetMs = 0;
  private lastT = Number.NaN;
  private lastLine = 0;
  /** Line of the first sample emitted. */
  private firstLine = 0;
  private sameTimeRows = 0;
  private sameTimeFromLine = 0;

  /** Where each cell of the current plain row starts (one past the end of the row after the last). */
  private readonly cellStart = new Int32Array(MAX_COLUMNS + 1);
  private cellCount = 0;

  constructor(private readonly sink: CsvSink) {}

  /** Whether the file has a reference column. */
  get hasReference(): boolean {
    return this.header !== null && this.header.reference >= 0;
  }

  /** Cells 0…last of a row without quotes, by their commas. */
  private findCommas(raw: string, last: number): void {
    let from = 0;
    let k = 0;
    this.cellStart[0] = 0;
    while (k <= last) {
      const comma = raw.indexOf(',', from);
      const end = comma < 0 ? raw.length : comma;
      this.cellStart[++k] = end + 1;
      if (comma < 0) break;
      from = comma + 1;
    }
    this.cellCount = k;
  }

  push(text: string): void {
    if (this.checkedChars < TEXT_CHECK_CHARS) {
      const head = text.slice(0, TEXT_CHECK_CHARS - this.checkedChars);
      if (looksBinary(head)) throw new CsvError('not-text', this.lineNo + 1, 'this is not a text file (it holds binary data): not a recording');
      this.checkedChars += head.length;
    }
    let from = 0;
    let data = text;
    if (this.rest !== '') {
      data = this.rest + text;
      this.rest = '';
    }
    for (;;) {
      const nl = data.indexOf('\n', from);
      if (nl < 0) break;
      this.line(data, from, nl > from && data.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
      from = nl + 1;
    }
    if (data.length - from > MAX_LINE_CHARS) this.tooLong();
    this.rest = from === 0 ? data : data.slice(from);
  }

  /** The text has ended: the last row, the held one, and the checks only the whole file allows. */
  end(): void {
    if (this.rest !== '') {
      const last = this.rest;
      this.rest = '';
      this.line(last, 0, last.length);
    }
    if (this.header === null) throw new CsvError('empty', Math.max(1, this.lineNo), 'the file is empty');
    if (this.heldLine > 0) {
      if (Number.isNaN(this.lastT) || this.continuesFrom(this.lastT, this.heldT)) this.emitHeld();
      else this.dropHeld();
    }
    const r = this.report;
    if (r.samples === 0 && r.rejectedLines.length === 0) throw new CsvError('empty', this.headerLine, 'the file has a header but no samples');
    if (r.samples === 0) {
      const first = r.rejectedLines.length > 0 ? ` (line ${r.rejectedLines[0]}: ${this.firstReason()})` : '';
      throw new CsvError('empty', r.rejectedLines[0] ?? this.headerLine, `the file has a header but no usable samples${first}`);
    }
    if (r.samples === 1) throw new CsvError('empty', this.firstLine, 'the file has only one usable sample: a recording needs samples over time');
    const span = r.lastMs - r.firstMs;
    if (span === 0) {
      throw new CsvError('time-stuck', this.headerLine + 1, `all ${r.samples} samples are at ${r.firstMs} ms: the time column does not advance`);
    }
    if (r.samples >= MIN_ROWS_FOR_RATE && (r.samples - 1) / span > MAX_RATE_HZ / 1000) {
      throw new CsvError(
        'time-span',
        this.lineNo,
        `${r.samples} samples within ${span} ms is faster than any pressure sensor sends: '${CSV_COLUMNS.time}' must be milliseconds`,
      );
    }
  }

  private firstReason(): string {
    const reasons: Record<RejectReason, string> = {
      'missing-value': 'a value is missing',
      'not-a-number': 'not a number',
      'not-finite': 'not a finite number',
      'out-of-range': 'outside what the sensor can read',
      'time-glitch': 'its time jumps',
    };
    const first = (Object.keys(reasons) as RejectReason[]).find((k) => this.report.rejected[k] > 0);
    return first === undefined ? '' : reasons[first];
  }

  private tooLong(): never {
    throw new CsvError('line-too-long', this.lineNo + 1, `the line is longer than ${MAX_LINE_CHARS} characters: not a recording`);
  }

  /** One line of the file: data[from, to) without its line end. */
  private line(data: string, from: number, to: number): void {
    this.lineNo++;
    if (to - from > MAX_LINE_CHARS) this.tooLong();
    let raw = data.slice(from, to);
    if (this.lineNo === 1 && raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
    if (this.header === null) {
      if (raw.trim() !== '') {
        this.header = headerOf(raw, this.lineNo);
        this.headerLine = this.lineNo;
      }
      return;
    }
    if (raw.trim() === '') return;
    this.row(raw, this.header);
  }

  private row(raw: string, h: Header): void {
    const line = this.lineNo;
    // A plain comma-separated row (the hot path of a long file) is cut where its commas are, not split.
    const cells = h.delimiter === ',' && !raw.includes('"') ? null : splitRow(raw, h.delimiter);
    if (cells === null) this.findCommas(raw, h.lastColumn);
    const cell = (col: number): string => {
      if (col < 0) return '';
      if (cells !== null) return col < cells.length ? cells[col].trim() : '';
      return col < this.cellCount ? raw.slice(this.cellStart[col], this.cellStart[col + 1] - 1).trim() : '';
    };
    // Cue and event first: an unknown one is fatal, whatever the numbers.
    let cue: CueKind | null = null;
    if (h.cue >= 0) {
      const c = cell(h.cue);
      if (c !== '') {
        const kind = CUE_KINDS.find((k) => k === c.toLowerCase());
        if (kind === undefined) throw new CsvError('unknown-cue', line, `unknown cue '${printable(c)}' (expected ${CUE_KINDS.join(' or ')})`);
        cue = kind;
      }
    }
    let gap = false;
    if (h.event >= 0) {
      const e = cell(h.event);
      if (e !== '' && e.toLowerCase() !== GAP_EVENT) throw new CsvError('unknown-event', line, `unknown event '${printable(e)}' (expected ${GAP_EVENT})`);
      gap = e !== '';
    }
    const rawT = numberIn(cell(h.time), h.delimiter);
    const p = numberIn(cell(h.pressure), h.delimiter);
    let why: RejectReason | null = typeof rawT === 'string' ? rawT : typeof p === 'string' ? p : null;
    if (why === null && !isPlausibleReading(p as number, 'cmH2O')) why = 'out-of-range';
    if (why !== null) {
      this.reject(why, line);
      this.gapCarried ||= gap;
      return;
    }
    let ref = Number.NaN;
    if (h.reference >= 0) {
      const r = numberIn(cell(h.reference), h.delimiter);
      if (typeof r === 'number' && isPlausibleReading(r, 'cmH2O')) ref = r;
      else if (r !== 'missing-value') this.report.rejectedReferences++;
    }
    this.next(line, (rawT as number) + this.offsetMs, p as number, ref, cue, gap);
  }

  private reject(why: RejectReason, line: number): void {
    this.report.rejected[why]++;
    if (this.report.rejectedLines.length < REPORT_LINES) this.report.rejectedLines.push(line);
  }

  /** Whether time `t` can follow time `from` (a step ahead of at most MAX_STEP_MS, or jitter back). */
  private continuesFrom(from: number, t: number): boolean {
    return t >= from - BEHIND_TOLERANCE_MS && t - from <= MAX_STEP_MS;
  }

  /** A row with a time and a pressure: it is held back until the next one tells whether its time jumped. */
  private next(line: number, t: number, p: number, ref: number, cue: CueKind | null, gap: boolean): void {
    if (this.heldLine > 0) {
      const last = this.lastT;
      if (Number.isNaN(last) || this.continuesFrom(last, this.heldT)) {
        // The first row is trusted only when the next one follows it.
        if (!Number.isNaN(last) || this.continuesFrom(this.heldT, t)) this.emitHeld();
        else this.dropHeld();
      } else if (this.continuesFrom(last, t)) this.dropHeld();
      else if (this.continuesFrom(this.heldT, t)) {
        // The clock jumped, and stayed: ahead, the jump is a gap; back, the clock restarted.
        if (this.heldT < last) {
          const shift = last + RESTART_GAP_MS - this.heldT;
          this.offsetMs += shift;
          this.heldT += shift;
          t += shift;
        }
        this.heldGap = true;
        this.report.timeJumps++;
        this.report.firstJumpLine ??= this.heldLine;
        this.emitHeld();
      } else this.dropHeld();
    }
    this.heldLine = line;
    this.heldT = t;
    this.heldP = p;
    this.heldRef = ref;
    this.heldCue = cue;
    // A gap marked on a row dropped since the last one read belongs to this one.
    this.heldGap = gap || this.gapCarried;
    this.gapCarried = false;
  }

  private dropHeld(): void {
    this.reject('time-glitch', this.heldLine);
    this.gapCarried ||= this.heldGap;
    this.heldLine = 0;
  }

  private emitHeld(): void {
    const r = this.report;
    const line = this.heldLine;
    this.heldLine = 0;
    // Jitter back reads as no time passing.
    const t = Number.isNaN(this.lastT) ? this.heldT : Math.max(this.heldT, this.lastT);
    if (Number.isNaN(r.firstMs)) {
      r.firstMs = t;
      this.firstLine = line;
    } else if (t - r.firstMs > MAX_SPAN_MS) {
      throw new CsvError(
        'time-span',
        line,
        `time ${this.heldT - this.offsetMs} ms is ${((t - r.firstMs) / 86_400_000).toFixed(0)} days after the first sample: not the time of a recording`,
      );
    }
    if (t === this.lastT) {
      if (this.sameTimeRows === 0) this.sameTimeFromLine = this.lastLine;
      if (++this.sameTimeRows >= MAX_SAME_TIME_ROWS) {
        throw new CsvError(
          'time-stuck',
          this.sameTimeFromLine,
          `${MAX_SAME_TIME_ROWS} rows in a row at ${t} ms from here on: the time column does not advance`,
        );
      }
    } else this.sameTimeRows = 0;
    if (this.heldGap && !Number.isNaN(this.lastT)) this.sink.gap(this.lastT, t);
    this.lastT = t;
    this.lastLine = line;
    r.lastMs = t;
    r.samples++;
    this.sink.sample(t, this.heldP, this.heldRef);
    if (this.heldCue !== null) this.sink.cue({ tMs: t, kind: this.heldCue });
  }
}

/** The header: where each column is, and the separator. */
interface Header {
  readonly delimiter: string;
  readonly time: number;
  readonly pressure: number;
  readonly reference: number;
  readonly cue: number;
  readonly event: number;
  /** The rightmost of the columns read. */
  readonly lastColumn: number;
}

function headerOf(raw: string, line: number): Header {
  const delimiter = delimiterOf(raw);
  const names = splitRow(raw, delimiter).map((h) => h.trim().toLowerCase());
  const column = (name: string) => names.indexOf(name.toLowerCase());
  const h = {
    delimiter,
    time: column(CSV_COLUMNS.time),
    pressure: column(CSV_COLUMNS.pressure),
    reference: column(CSV_COLUMNS.reference),
    cue: column(CSV_COLUMNS.cue),
    event: column(CSV_COLUMNS.event),
  };
  const lastColumn = Math.max(h.time, h.pressure, h.reference, h.cue, h.event);
  if (lastColumn >= MAX_COLUMNS) {
    throw new CsvError('missing-column', line, `the columns read must be among the first ${MAX_COLUMNS}`);
  }
  if (h.time < 0) throw new CsvError('missing-column', line, `missing column '${CSV_COLUMNS.time}' in the header`);
  if (h.pressure < 0) throw new CsvError('missing-column', line, `missing column '${CSV_COLUMNS.pressure}' in the header`);
  return { ...h, lastColumn };
}

/** A cell's number, or why it has none. A decimal comma is read after `;`. */
function numberIn(s: string, delimiter: string): number | RejectReason {
  if (s === '') return 'missing-value';
  const x = Number(delimiter === ';' ? s.replace(',', '.') : s);
  if (Number.isFinite(x)) return x;
  return Number.isNaN(x) && !/^[+-]?(nan|inf|infinity)$/i.test(s) ? 'not-a-number' : 'not-finite';
}

/** Reads a whole recording at once (a file the browser holds, a test); the report says what was left out. */
export function readCsv(text: string): { readonly recording: Recording; readonly report: CsvReport } {
  const t: number[] = [];
  const p: number[] = [];
  const ref: number[] = [];
  const cues: Cue[] = [];
  const gaps: { fromMs: number; toMs: number }[] = [];
  const reader = new CsvReader({
    sample: (tMs, pressure, reference) => {
      t.push(tMs);
      p.push(pressure);
      ref.push(reference);
    },
    cue: (cue) => cues.push(cue),
    gap: (fromMs, toMs) => gaps.push({ fromMs, toMs }),
  });
  reader.push(text);
  reader.end();
  const withRef = reader.hasReference;
  return {
    recording: { t: Float64Array.from(t), p: Float32Array.from(p), ref: withRef ? Float32Array.from(ref) : null, cues, gaps },
    report: reader.report,
  };
}

/** Parses a recording; throws a CsvError naming the line of the first fatal problem (readCsv also says what it left out). */
export function parseCsv(text: string): Recording {
  return readCsv(text).recording;
}

/** The cell separator, from the header row: a comma unless the header has none but has `;` or a tab. */
function delimiterOf(header: string): string {
  if (header.includes(',')) return ',';
  if (header.includes(';')) return ';';
  return header.includes('\t') ? '\t' : ',';
}

/** Cells of one row; a cell in double quotes may hold the separator, and "" stands for one quote. */
function splitRow(raw: string, delimiter: string): string[] {
  if (!raw.includes('"')) return raw.split(delimiter);
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quoted) {
      if (c === '"' && raw[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

/**
 * Writes a recording. Each cue goes on the first sample at or after its time (a later sample if
 * that one already carries a cue); the `cue` column is written only when there are cues. Each
 * gap is marked on the first sample after it (at or after its end, and after its start); a gap
 * with no sample after it (the recording ended with the link down) has nothing to mark.
 */
export function formatCsv(rec: Recording): string {
  const n = rec.t.length;
  const cueAt = new Array<CueKind | ''>(n).fill('');
  let s = 0;
  for (const cue of [...rec.cues].sort((a, b) => a.tMs - b.tMs)) {
    while (s < n && (rec.t[s] < cue.tMs || cueAt[s] !== '')) s++;
    if (s < n) cueAt[s] = cue.kind;
  }
  const gapBefore = new Array<boolean>(n).fill(false);
  let withGaps = false;
  for (const gap of rec.gaps) {
    const i = firstIndexAfter(rec.t, gap.fromMs, gap.toMs);
    if (i > 0 && i < n) gapBefore[i] = withGaps = true;
  }
  const columns: string[] = [CSV_COLUMNS.time, CSV_COLUMNS.pressure];
  if (rec.ref !== null) columns.push(CSV_COLUMNS.reference);
  const withCues = rec.cues.length > 0;
  if (withCues) columns.push(CSV_COLUMNS.cue);
  if (withGaps) columns.push(CSV_COLUMNS.event);
  const out: string[] = [columns.join(',')];
  for (let i = 0; i < n; i++) {
    const row = [formatNumber(rec.t[i], 3), formatNumber(rec.p[i], 3)];
    if (rec.ref !== null) row.push(Number.isNaN(rec.ref[i]) ? '' : formatNumber(rec.ref[i], 3));
    if (withCues) row.push(cueAt[i]);
    if (withGaps) row.push(gapBefore[i] ? GAP_EVENT : '');
    out.push(row.join(','));
  }
  return out.join('\n') + '\n';
}

/** First index whose time is after `after` and at or after `atOrAfter` (t.length if none). */
function firstIndexAfter(t: Float64Array, after: number, atOrAfter: number): number {
  let a = 0;
  let b = t.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (t[m] <= after || t[m] < atOrAfter) a = m + 1;
    else b = m;
  }
  return a;
}

/** Fixed decimals without trailing zeros: 12.5, 1033.125, 40. */
function formatNumber(x: number, decimals: number): string {
  return String(Number(x.toFixed(decimals)));
}
