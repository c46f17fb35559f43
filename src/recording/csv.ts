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
 */
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

export type CsvErrorKind = 'empty' | 'missing-column' | 'not-a-number' | 'time-backwards' | 'unknown-cue' | 'unknown-event' | 'missing-value';

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

/** Parses a recording; throws a CsvError naming the line of the first problem. */
export function parseCsv(text: string): Recording {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) throw new CsvError('empty', 1, 'the file is empty');
  const delimiter = delimiterOf(lines[headerAt]);
  const header = splitRow(lines[headerAt], delimiter).map((h) => h.trim());
  const column = (name: string) => header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const tCol = column(CSV_COLUMNS.time);
  const pCol = column(CSV_COLUMNS.pressure);
  const rCol = column(CSV_COLUMNS.reference);
  const cueCol = column(CSV_COLUMNS.cue);
  const eventCol = column(CSV_COLUMNS.event);
  const headerLine = headerAt + 1;
  if (tCol < 0) throw new CsvError('missing-column', headerLine, `missing column '${CSV_COLUMNS.time}' in the header`);
  if (pCol < 0) throw new CsvError('missing-column', headerLine, `missing column '${CSV_COLUMNS.pressure}' in the header`);

  const t: number[] = [];
  const p: number[] = [];
  const ref: number[] = [];
  const cues: Cue[] = [];
  const gaps: { fromMs: number; toMs: number }[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === '') continue;
    const line = i + 1;
    const cells = splitRow(raw, delimiter);
    const cell = (col: number) => (col < cells.length ? cells[col].trim() : '');
    const number = (col: number, name: string, optional: boolean): number => {
      const s = cell(col);
      if (s === '') {
        if (optional) return Number.NaN;
        throw new CsvError('missing-value', line, `no value for '${name}'`);
      }
      const x = Number(delimiter === ';' ? s.replace(',', '.') : s);
      if (!Number.isFinite(x)) throw new CsvError('not-a-number', line, `'${name}' is not a number: '${s}'`);
      return x;
    };
    const tMs = number(tCol, CSV_COLUMNS.time, false);
    if (t.length > 0 && tMs < t[t.length - 1]) {
      throw new CsvError('time-backwards', line, `time goes backwards: ${tMs} ms after ${t[t.length - 1]} ms`);
    }
    t.push(tMs);
    p.push(number(pCol, CSV_COLUMNS.pressure, false));
    if (rCol >= 0) ref.push(number(rCol, CSV_COLUMNS.reference, true));
    if (cueCol >= 0) {
      const c = cell(cueCol);
      if (c !== '') {
        const kind = CUE_KINDS.find((k) => k === c.toLowerCase());
        if (kind === undefined) throw new CsvError('unknown-cue', line, `unknown cue '${c}' (expected ${CUE_KINDS.join(' or ')})`);
        cues.push({ tMs, kind });
      }
    }
    if (eventCol >= 0) {
      const e = cell(eventCol);
      if (e !== '' && e.toLowerCase() !== GAP_EVENT) throw new CsvError('unknown-event', line, `unknown event '${e}' (expected ${GAP_EVENT})`);
      if (e !== '' && t.length > 1) gaps.push({ fromMs: t[t.length - 2], toMs: tMs });
    }
  }
  if (t.length === 0) throw new CsvError('empty', headerLine, 'the file has a header but no samples');
  return { t: Float64Array.from(t), p: Float32Array.from(p), ref: rCol >= 0 ? Float32Array.from(ref) : null, cues, gaps };
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
