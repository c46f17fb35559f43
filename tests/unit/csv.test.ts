import { describe, expect, it } from 'vitest';
import { CsvError, CsvReader, formatCsv, parseCsv, printable, readCsv, rejectedRows, type CsvErrorKind } from '../../src/recording/csv.ts';

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
    const { recording, report } = readCsv('t_ms;pressure_cmH2O\n0;1\n10;1,2,3\n20;2\n');
    expect(Array.from(recording.t)).toEqual([0, 20]);
    expect([report.rejected['not-a-number'], report.rejectedLines]).toEqual([1, [3]]);
  });

  const cases: [string, string, CsvErrorKind, number, RegExp][] = [
    ['an empty file', '', 'empty', 1, /empty/],
    ['a header without samples', 't_ms,pressure_cmH2O\n', 'empty', 1, /no samples/],
    ['a header whose rows are all unusable', 't_ms,pressure_cmH2O\n0,abc\n10,\n', 'empty', 2, /no usable samples \(line 2: /],
    ['a missing pressure column', 't_ms,reference_cmH2O\n0,1\n', 'missing-column', 1, /pressure_cmH2O/],
    ['a missing time column', 'pressure_cmH2O\n1\n', 'missing-column', 1, /t_ms/],
    ['an unknown cue', 't_ms,pressure_cmH2O,cue\n0,1,\n10,1,push\n', 'unknown-cue', 3, /'push'/],
    ['times that never advance', `t_ms,pressure_cmH2O\n${'0,1\n'.repeat(3000)}`, 'time-stuck', 2, /does not advance/],
    ['two samples at one time', 't_ms,pressure_cmH2O\n5,1\n5,2\n', 'time-stuck', 2, /all 2 samples are at 5 ms/],
    ['a single usable sample', 't_ms,pressure_cmH2O\n0,abc\n5,1\n10,\n', 'empty', 3, /only one usable sample/],
    [
      'times in seconds',
      `t_ms,pressure_cmH2O\n${Array.from({ length: 200 }, (_, i) => `${i * 0.01},1`).join('\n')}\n`,
      'time-span',
      201,
      /must be milliseconds/,
    ],
    ['a span of years', 't_ms,pressure_cmH2O\n0,1\n10,1\n1e12,1\n1e12,1\n1e12,1\n', 'time-span', 4, /days after the first sample/],
    ['binary data', 't_ms,pressure_cmH2O\n0,1\n\u0000\u0000\u0001', 'not-text', 1, /not a text file/],
    ['a line that never ends', `t_ms,pressure_cmH2O\n0,${'9'.repeat(10_000)}`, 'line-too-long', 2, /longer than 4096/],
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
    expect(errorOf('\n\nt_ms,pressure_cmH2O\n0,1\n\n5,1,\n7,1,push\n'.replace('pressure_cmH2O', 'pressure_cmH2O,cue')).line).toBe(7);
  });
});

describe('hostile input', () => {
  const rows = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `${from + 10 * i},${(1 + 0.1 * (i % 7)).toFixed(1)}`);
  const read = (lines: string[]) => readCsv(`t_ms,pressure_cmH2O,reference_cmH2O\n${lines.join('\n')}\n`);

  it('drops rows whose pressure is missing, unreadable, infinite or beyond the sensor, counts them by why, keeps the rest', () => {
    const lines = rows(20);
    lines[3] = '30,';
    lines[5] = '50,high';
    lines[7] = '70,Infinity';
    lines[9] = '90,1e400';
    lines[11] = '110,1e18';
    lines[13] = '130,3.5e38';
    lines[15] = '150,-60';
    const { recording, report } = read(lines);
    expect(recording.t.length).toBe(13);
    expect(Array.from(recording.p).every((x) => x >= 1 && x < 2)).toBe(true);
    expect(report.rejected).toMatchObject({ 'missing-value': 1, 'not-a-number': 1, 'not-finite': 2, 'out-of-range': 3 });
    expect(rejectedRows(report)).toBe(7);
    expect(report.rejectedLines).toEqual([5, 7, 9, 11, 13]);
  });

  it('an impossible reference reading is a missing one, counted', () => {
    const { recording, report } = read(['0,1,1', '10,1,9e9', '20,1,abc', '30,1,']);
    expect(Array.from(recording.ref ?? []).map(Number.isNaN)).toEqual([false, true, true, true]);
    expect(report.rejectedReferences).toBe(2);
  });

  for (const bad of ['Infinity', '1e12', '-5000', '1e300', 'NaN']) {
    it(`one time of ${bad} among good ones is dropped; time goes on`, () => {
      const lines = rows(30);
      lines[12] = `${bad},1`;
      const { recording, report } = read(lines);
      expect(recording.t.length).toBe(29);
      expect(Array.from(recording.t)).toEqual(
        rows(30)
          .filter((_, i) => i !== 12)
          .map((l) => Number(l.split(',')[0])),
      );
      expect(rejectedRows(report)).toBe(1);
      expect(report.rejectedLines).toEqual([14]);
      expect(report.timeJumps).toBe(0);
    });
  }

  it('a bad first time is dropped too', () => {
    const { recording, report } = read([`1e12,1`, ...rows(10)]);
    expect(Array.from(recording.t)).toEqual(rows(10).map((l) => Number(l.split(',')[0])));
    expect(report.rejected['time-glitch']).toBe(1);
  });

  it('a clock that jumps ahead and goes on from there: a gap, nothing dropped', () => {
    const { recording, report } = read([...rows(10), ...rows(10, 3_600_000)]);
    expect(recording.t.length).toBe(20);
    expect(recording.gaps).toEqual([{ fromMs: 90, toMs: 3_600_000 }]);
    expect([report.timeJumps, report.firstJumpLine]).toEqual([1, 12]);
  });

  it('a clock that restarts: the times after it follow on, after a one-second gap; jitter back is no time passing', () => {
    const { recording, report } = read([...rows(10), ...rows(10), '85,1', '200,1']);
    expect(recording.t.length).toBe(22);
    expect(Array.from(recording.t.slice(9, 12))).toEqual([90, 1090, 1100]);
    expect(recording.gaps).toEqual([{ fromMs: 90, toMs: 1090 }]);
    expect(Array.from(recording.t.slice(-2))).toEqual([1180, 1290]);
    expect(report.timeJumps).toBe(1);
  });

  it('a gap marked on a dropped row belongs to the next row read', () => {
    const { recording } = readCsv('t_ms,pressure_cmH2O,event\n0,1,\n10,1,\n3000,oops,gap\n3010,1,\n3020,1,\n');
    expect(recording.gaps).toEqual([{ fromMs: 10, toMs: 3010 }]);
  });

  it('cells echoed in a message are cut and cannot reach the terminal', () => {
    // Past the first kilobyte, which must be plain text.
    const e = errorOf(`t_ms,pressure_cmH2O,cue\n${rows(200).join(',\n')},\n0,1,\u001b]0;owned\u0007\u001b[2J${'x'.repeat(3000)}\n`);
    expect(e.kind).toBe('unknown-cue');
    // eslint-disable-next-line no-control-regex
    expect(e.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(e.message.length).toBeLessThan(120);
    expect(printable('a\u202eb\u0000c')).toBe('a?b?c');
  });

  it('reads the same whatever pieces the text comes in', () => {
    const text = `t_ms;pressure_cmH2O;cue;event\r\n${rows(200)
      .map((l, i) => `${l.replace(',', ';').replace('.', ',')};${i === 50 ? 'squeeze' : ''};${i === 120 ? 'gap' : ''}`)
      .join('\r\n')}\r\n`;
    const whole = readCsv(text).recording;
    for (const size of [1, 7, 64, 4096]) {
      const t: number[] = [];
      const p: number[] = [];
      const cues: unknown[] = [];
      const gaps: unknown[] = [];
      const reader = new CsvReader({
        sample: (tMs, x) => (t.push(tMs), p.push(x)),
        cue: (c) => cues.push(c),
        gap: (fromMs, toMs) => gaps.push({ fromMs, toMs }),
      });
      for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
      reader.end();
      expect(t).toEqual(Array.from(whole.t));
      expect(p).toEqual(Array.from(whole.p).map((x) => Number(x.toFixed(1))));
      expect(cues).toEqual(whole.cues);
      expect(gaps).toEqual(whole.gaps);
    }
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
