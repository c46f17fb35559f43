import { describe, expect, it } from 'vitest';
import { CsvError, formatCsv, parseCsv, type CsvErrorKind } from '../../src/recording/csv.ts';

function errorOf(text: string): CsvError {
  try {
    parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
  throw new Error('expected a CsvError');
}

describe('parseCsv', () => {
  it('reads samples into flat typed arrays, with cues', () => {
    const rec = parseCsv('t_ms,pressure_cmH2O,reference_cmH2O,cue\n0,1033.1,1033.0,\n20,1033.4,1033.1,squeeze\n40,1050,1033.2,\n60,1034,,relax\n');
    expect(rec.t).toBeInstanceOf(Float64Array);
    expect(Array.from(rec.t)).toEqual([0, 20, 40, 60]);
    expect(rec.p[2]).toBeCloseTo(1050, 3);
    expect(rec.ref?.[1]).toBeCloseTo(1033.1, 3);
    expect(Number.isNaN(rec.ref?.[3] ?? 0)).toBe(true);
    expect(rec.cues).toEqual([
      { tMs: 20, kind: 'squeeze' },
      { tMs: 60, kind: 'relax' },
    ]);
  });

  it('accepts a BOM, CRLF, columns in any order, unknown columns and blank lines', () => {
    const rec = parseCsv('\uFEFFnote,pressure_cmH2O,t_ms\r\nhello,3.5,0\r\n\r\n,4.5,10\r\n');
    expect(Array.from(rec.t)).toEqual([0, 10]);
    expect(Array.from(rec.p)).toEqual([3.5, 4.5]);
    expect(rec.ref).toBeNull();
    expect(rec.cues).toEqual([]);
  });

  it('reads what statistics tools write: quoted cells and a nameless row-number column (R write.csv)', () => {
    const rec = parseCsv('"","t_ms","pressure_cmH2O","reference_cmH2O","cue"\n"1",0,3.5,1.2,""\n"2",20,4.5,,"squeeze"\n');
    expect(Array.from(rec.t)).toEqual([0, 20]);
    expect(Array.from(rec.p)).toEqual([3.5, 4.5]);
    expect(Array.from(rec.ref ?? [])).toEqual([Math.fround(1.2), Number.NaN]);
    expect(rec.cues).toEqual([{ tMs: 20, kind: 'squeeze' }]);
  });

  it('reads what Nordic spreadsheets save: semicolons between cells, decimal commas; and tab-separated files', () => {
    const semi = parseCsv('t_ms;pressure_cmH2O;cue\r\n0;1033,25;\r\n12,5;1040,5;relax\r\n');
    expect(Array.from(semi.t)).toEqual([0, 12.5]);
    expect(Array.from(semi.p)).toEqual([1033.25, 1040.5]);
    expect(semi.cues).toEqual([{ tMs: 12.5, kind: 'relax' }]);
    expect(Array.from(parseCsv('t_ms\tpressure_cmH2O\n0\t3.5\n10\t4\n').p)).toEqual([3.5, 4]);
    const e = errorOf('t_ms;pressure_cmH2O\n0;1\n10;1,2,3\n');
    expect([e.kind, e.line]).toEqual(['not-a-number', 3]);
  });

  const cases: [string, string, CsvErrorKind, number, RegExp][] = [
    ['an empty file', '', 'empty', 1, /empty/],
    ['a header without samples', 't_ms,pressure_cmH2O\n', 'empty', 1, /no samples/],
    ['a missing pressure column', 't_ms,reference_cmH2O\n0,1\n', 'missing-column', 1, /pressure_cmH2O/],
    ['a missing time column', 'pressure_cmH2O\n1\n', 'missing-column', 1, /t_ms/],
    ['a non-numeric pressure', 't_ms,pressure_cmH2O\n0,1\n10,2\n20,abc\n', 'not-a-number', 4, /pressure_cmH2O.*'abc'/],
    ['a non-numeric time', 't_ms,pressure_cmH2O\n0,1\nx,2\n', 'not-a-number', 3, /t_ms/],
    ['time going backwards', 't_ms,pressure_cmH2O\n0,1\n20,1\n10,1\n', 'time-backwards', 4, /10 ms after 20 ms/],
    ['an unknown cue', 't_ms,pressure_cmH2O,cue\n0,1,\n10,1,push\n', 'unknown-cue', 3, /'push'/],
    ['a missing pressure value', 't_ms,pressure_cmH2O\n0,1\n10\n', 'missing-value', 3, /pressure_cmH2O/],
  ];
  for (const [what, text, kind, line, message] of cases) {
    it(`names the line of ${what}`, () => {
      const e = errorOf(text);
      expect(e.kind).toBe(kind);
      expect(e.line).toBe(line);
      expect(e.message).toMatch(message);
      expect(e.message.startsWith(`line ${line}: `)).toBe(true);
    });
  }

  it('counts lines from the top of the file, blank lines included', () => {
    expect(errorOf('\n\nt_ms,pressure_cmH2O\n0,1\n\n5,oops\n').line).toBe(6);
  });
});

describe('formatCsv', () => {
  it('round-trips a recording, cues on the first sample at or after their time', () => {
    const rec = {
      t: Float64Array.from([0, 12.5, 25, 37.5]),
      p: Float32Array.from([1033.25, 1040.5, 1060, 1034]),
      ref: Float32Array.from([1033, Number.NaN, 1034, 1033.5]),
      cues: [
        { tMs: 10, kind: 'squeeze' as const },
        { tMs: 30, kind: 'relax' as const },
      ],
      gaps: [],
    };
    const text = formatCsv(rec);
    expect(text.split('\n')[0]).toBe('t_ms,pressure_cmH2O,reference_cmH2O,cue');
    expect(text.split('\n')[2]).toBe('12.5,1040.5,,squeeze');
    const back = parseCsv(text);
    expect(Array.from(back.t)).toEqual(Array.from(rec.t));
    expect(Array.from(back.p)).toEqual(Array.from(rec.p));
    expect(Number.isNaN(back.ref?.[1] ?? 0)).toBe(true);
    expect(back.cues).toEqual([
      { tMs: 12.5, kind: 'squeeze' },
      { tMs: 37.5, kind: 'relax' },
    ]);
  });

  it('writes only the columns it has', () => {
    const text = formatCsv({ t: Float64Array.from([0, 10]), p: Float32Array.from([1, 2]), ref: null, cues: [], gaps: [] });
    expect(text).toBe('t_ms,pressure_cmH2O\n0,1\n10,2\n');
  });
});

describe('link gaps in a CSV', () => {
  const rec = {
    t: Float64Array.from([0, 20, 40, 3240, 3260, 9000, 9020]),
    p: Float32Array.from([1, 2, 3, 4, 5, 6, 7]),
    ref: null,
    cues: [{ tMs: 3240, kind: 'squeeze' as const }],
    gaps: [
      { fromMs: 40, toMs: 3240 },
      { fromMs: 3260, toMs: 9000 },
    ],
  };

  it('round-trip: `gap` in the event column on the first sample after each gap, beside a cue on the same sample', () => {
    const text = formatCsv(rec);
    const lines = text.split('\n');
    expect(lines[0]).toBe('t_ms,pressure_cmH2O,cue,event');
    expect(lines[4]).toBe('3240,4,squeeze,gap');
    expect(lines[6]).toBe('9000,6,,gap');
    expect(lines.filter((l) => l.endsWith(',gap'))).toHaveLength(2);
    const back = parseCsv(text);
    expect(back.gaps).toEqual(rec.gaps);
    expect(back.cues).toEqual(rec.cues);
    expect(Array.from(back.t)).toEqual(Array.from(rec.t));
  });

  it('a gap between samples is marked on the first sample after it; one the recording ended in has nothing to mark', () => {
    const text = formatCsv({
      ...rec,
      cues: [],
      gaps: [
        { fromMs: 50, toMs: 3100 },
        { fromMs: 9020, toMs: 9020 },
      ],
    });
    expect(parseCsv(text).gaps).toEqual([{ fromMs: 40, toMs: 3240 }]);
    expect(formatCsv({ ...rec, gaps: [{ fromMs: 9020, toMs: 9020 }] }).split('\n')[0]).toBe('t_ms,pressure_cmH2O,cue');
  });

  it('reads gaps as spreadsheets save them (any case, semicolons), ignores one on the first row, and old files have none', () => {
    const semi = parseCsv('t_ms;pressure_cmH2O;event\r\n0;1,5;GAP\r\n20;1;\r\n2500;1;Gap\r\n');
    expect(semi.gaps).toEqual([{ fromMs: 20, toMs: 2500 }]);
    expect(parseCsv('t_ms,pressure_cmH2O,cue\n0,1,\n5000,1,\n').gaps).toEqual([]);
  });

  it('names the line of an unknown event', () => {
    const e = errorOf('t_ms,pressure_cmH2O,event\n0,1,\n10,1,dropout\n');
    expect([e.kind, e.line]).toEqual(['unknown-event', 3]);
    expect(e.message).toMatch(/unknown event 'dropout' \(expected gap\)/);
  });
});
