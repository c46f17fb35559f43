/**
 * Detection bench: labelled recordings from the simulator (development and held-out seeds) and
 * from a differently generated family, run through the live operator in virtual time, matched
 * to the truth, and scored side by side with the naive detector simple apps use.
 *
 *   npm run bench:detect [-- --seeds N] [--set dev|heldout|family|family-dev|home|home-dev|home:FAMILY|all] [--by-kind] [--quantum Q] [--digest]
 *
 * `home` runs the nine families of what homes add (weak, position, coarse, laughs, endurance,
 * gaps, moved, dropouts, levels) on held-out seeds; `home-dev` on the seeds tuned on; `home:weak` one of them.
 * `family-dev` runs the differently generated family on its development seeds (1 on), which
 * may be tuned on; `family` is its held-out seeds.
 *
 * `--quantum Q` rounds every reading to a multiple of Q cmH2O first, like a sensor that reports
 * whole units or counts.
 *
 * `--digest` prints, per set, a hash of every event the pipeline emitted (with the stream time it
 * was emitted at): equal hashes before and after a change mean the change left the output as it
 * was, to the last bit (the check for a change made only for speed).
 */
import { createHash } from 'node:crypto';
import { detectReps } from '../src/pipeline/operators.ts';
import { DEFAULT_RULES } from '../src/programs/catalog.ts';
import { replayInVirtualTime } from '../src/pipeline/replay.ts';
import type { RepEvent, RepMeasures } from '../src/pipeline/types.ts';
import { familySession } from './bench/alt-family.ts';
import { Tally, VersusNaive, percentile } from './bench/evaluate.ts';
import type { LabelledRecording } from './bench/labelled.ts';
import { naiveDetect } from './bench/naive.ts';
import { HOME_FAMILIES, homeSession, type HomeFamily } from './bench/home-families.ts';
import { simSession } from './bench/sim-family.ts';

interface BenchSet {
  readonly id: string;
  readonly title: string;
  readonly make: (seed: number) => LabelledRecording;
  readonly firstSeed: number;
}

const SETS: readonly BenchSet[] = [
  { id: 'dev', title: 'development seeds (simulator; looked at while tuning)', make: simSession, firstSeed: 1 },
  { id: 'heldout', title: 'held-out seeds (simulator; never tuned on)', make: simSession, firstSeed: 100001 },
  { id: 'family', title: 'held-out family (other shapes, noise colour, breathing, artefacts)', make: familySession, firstSeed: 200001 },
];

/** The family's development seeds (tuned on, like `home-dev`): not part of `all`. */
const FAMILY_DEV: BenchSet = {
  id: 'family-dev',
  title: 'family (other shapes, noise colour, breathing, artefacts): development seeds',
  make: familySession,
  firstSeed: 1,
};

const HOME_TITLES: Record<HomeFamily, string> = {
  weak: 'weak users (maximal squeezes 8–20 cmH2O)',
  position: 'change of position (the resting level moves 3–8 cmH2O, often with a jolt, and stays)',
  coarse: 'slow and coarse sensors (10–25 Hz, steps of 0.5–1 cmH2O, arrival jitter up to 30 ms)',
  laughs: 'laughing (3–5 spikes over 1–2 s) and coughs, 10–100 Hz',
  endurance: 'endurance holds of 20–60 s that fade, dip and are caught again',
  gaps: 'link gaps of 1–4 s, half of them cutting a squeeze',
  moved: 'a squeeze begun 0.3–2.5 s after a change of position (3–8 cmH2O, up or down)',
  dropouts: 'packets lost in bursts of 0.25–0.9 s every 3–9 s, at the start of squeezes too',
  levels: 'a probe that reads in 8–12 levels up to the strongest squeeze, polled at 10–20 Hz',
};

/** What homes add (tools/bench/home-families.ts): held-out seeds, and the development seeds tuned on. */
const HOME_SETS: readonly BenchSet[] = HOME_FAMILIES.flatMap((f) => [
  { id: `home:${f}`, title: `home, ${HOME_TITLES[f]}: held-out seeds`, make: (seed: number) => homeSession(f, seed), firstSeed: 300001 },
  { id: `home-dev:${f}`, title: `home, ${HOME_TITLES[f]}: development seeds`, make: (seed: number) => homeSession(f, seed), firstSeed: 1 },
]);

interface Args {
  readonly seeds: number;
  readonly sets: BenchSet[];
  readonly byKind: boolean;
  readonly quantum: number;
  readonly digest: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  let seeds = 200;
  let quantum = 0;
  let which = 'all';
  let byKind = false;
  let digest = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--seeds') seeds = Number(argv[++i]);
    else if (a === '--set') which = argv[++i] ?? '';
    else if (a === '--by-kind') byKind = true;
    else if (a === '--quantum') quantum = Number(argv[++i]);
    else if (a === '--digest') digest = true;
    else {
      console.error(`bench-detect: unknown argument '${a}'`);
      process.exit(2);
    }
  }
  const all = [...SETS, FAMILY_DEV, ...HOME_SETS];
  const sets =
    which === 'all'
      ? [...SETS, ...HOME_SETS.filter((s) => s.id.startsWith('home:'))]
      : which === 'home' || which === 'home-dev'
        ? HOME_SETS.filter((s) => s.id.startsWith(`${which}:`))
        : all.filter((s) => s.id === which);
  if (!Number.isInteger(seeds) || seeds < 1 || sets.length === 0 || !(quantum >= 0)) {
    console.error(
      'usage: npm run bench:detect -- [--seeds N] [--set dev|heldout|family|family-dev|home|home-dev|home:FAMILY|home-dev:FAMILY|all] [--by-kind] [--quantum Q] [--digest]',
    );
    process.exit(2);
  }
  return { seeds, sets, byKind, quantum, digest };
}

/** A squeeze counts as worse than the naive detector's only beyond this, ms (sampling at 20 Hz is 50 ms a step). */
const VERSUS_NAIVE_MARGIN_MS = 50;

interface SetResult {
  readonly ours: Tally;
  readonly naive: Tally;
  readonly versus: VersusNaive;
  readonly recordings: LabelledRecording[];
  /** Reps whose measures reach across a link gap (onset before it, release after it). */
  readonly acrossGaps: number;
  readonly cutReps: number;
  /** Reps with no rise time (a 10 or 90 % crossing fell in a gap). */
  readonly noRiseTime: number;
  /** SHA-256 of every event emitted, in order, with its stream time (hex, first 16 digits). */
  readonly digest: string;
}

/** The recording as a sensor with a resolution of `quantum` cmH2O would report it. */
function quantised(rec: LabelledRecording, quantum: number): LabelledRecording {
  if (quantum === 0) return rec;
  const round = (x: number) => Math.round(x / quantum) * quantum;
  return { ...rec, batches: rec.batches.map((b) => ({ ...b, p: b.p.map(round), ref: b.ref === null ? null : b.ref.map(round) })) };
}

function runSet(set: BenchSet, seeds: number, quantum: number): SetResult {
  const ours = new Tally();
  const naive = new Tally();
  const versus = new VersusNaive(VERSUS_NAIVE_MARGIN_MS);
  const recordings: LabelledRecording[] = [];
  let acrossGaps = 0;
  let cutReps = 0;
  let noRiseTime = 0;
  const hash = createHash('sha256');
  for (let k = 0; k < seeds; k++) {
    const rec = quantised(set.make(set.firstSeed + k), quantum);
    recordings.push(rec);
    const events = replayInVirtualTime(rec.batches, detectReps());
    assertNoLookAhead(rec.name, events);
    for (const e of events) hash.update(JSON.stringify(e));
    const reps = events.flatMap(({ value }) => (value.type === 'rep' ? [value.rep] : []));
    ours.add(rec.truth, reps, rec.artefactMs);
    const gaps = rec.linkGaps ?? [];
    cutReps += reps.filter((r) => r.cut).length;
    noRiseTime += reps.filter((r) => !Number.isFinite(r.riseTimeMs)).length;
    acrossGaps += reps.filter((r) => gaps.some(([from, to]) => r.onsetMs < from && r.releaseMs > to)).length;
    for (const { value } of events) if (value.type === 'cancel') ours.countCancel(value.tMs, rec);
    ours.minutes += rec.durationMs / 60000;
    const naiveReps = naiveDetect(rec.batches);
    naive.add(rec.truth, naiveReps);
    naive.minutes += rec.durationMs / 60000;
    versus.add(rec.truth, reps, naiveReps);
  }
  return { ours, naive, versus, recordings, acrossGaps, cutReps, noRiseTime, digest: hash.digest('hex').slice(0, 16) };
}

/** Every announcement is stamped no earlier than the stream time it claims, and a rep only after its release. */
function assertNoLookAhead(name: string, events: readonly { value: RepEvent; atMs: number }[]): void {
  for (const { value, atMs } of events) {
    const claimed = value.type === 'onset' ? value.detectedAtMs : value.type === 'rep' ? latestClaim(value.rep) : value.tMs;
    if (claimed > atMs + 1e-6) throw new Error(`${name}: an event claims stream time ${claimed} but was emitted at ${atMs}`);
  }
}

function latestClaim(rep: RepMeasures): number {
  return Math.max(rep.detectedAtMs, rep.releaseMs, rep.relaxedMs ?? 0, rep.peakMs);
}

const fmt = (x: number, digits = 0) => (Number.isNaN(x) ? 'n/a' : x.toFixed(digits));

function report(set: BenchSet, { ours, naive, versus, recordings, acrossGaps, cutReps, noRiseTime }: SetResult): string {
  const rates = recordings.map((r) => r.rateHz);
  const withRef = recordings.filter((r) => r.hasReference).length;
  const artefacts = recordings.reduce((s, r) => s + r.artefactMs.length, 0);
  const lines = [
    `## ${set.title}`,
    `${recordings.length} recordings, ${fmt(ours.minutes, 0)} min, ${ours.truths} squeezes, ${artefacts} cough/laugh spikes, ` +
      `${withRef} with a reference channel, ${fmt(Math.min(...rates))}–${fmt(Math.max(...rates))} Hz`,
    '',
    '| measure | target | ours | naive |',
    '|---|---|---|---|',
  ];
  const row = (name: string, target: string, a: string, b: string) => lines.push(`| ${name} | ${target} | ${a} | ${b} |`);
  row('precision', '≥ 0.98', fmt(ours.precision, 3), fmt(naive.precision, 3));
  row('recall', '≥ 0.98', fmt(ours.recall, 3), fmt(naive.recall, 3));
  row('onset error median, ms', '≤ 60', fmt(percentile(ours.onsetErr, 0.5)), fmt(percentile(naive.onsetErr, 0.5)));
  row('onset error p90, ms', '≤ 150', fmt(percentile(ours.onsetErr, 0.9)), fmt(percentile(naive.onsetErr, 0.9)));
  row(
    `recordings where our median onset error is worse than naive (by > ${VERSUS_NAIVE_MARGIN_MS} ms)`,
    '',
    `${versus.recordingsWorse} (${versus.recordingsClearlyWorse}) of ${versus.recordings}`,
    '',
  );
  row(`squeezes found by both where our onset is > ${VERSUS_NAIVE_MARGIN_MS} ms further off`, '', `${versus.squeezesWorse} of ${versus.squeezes}`, '');
  row('duration (FWHM) error median, ms', '≤ 100', fmt(percentile(ours.durationErr, 0.5)), fmt(percentile(naive.durationErr, 0.5)));
  row('duration error p90, ms', '', fmt(percentile(ours.durationErr, 0.9)), fmt(percentile(naive.durationErr, 0.9)));
  row('peak error median, %', '≤ 5', fmt(percentile(ours.peakErrPct, 0.5), 1), fmt(percentile(naive.peakErrPct, 0.5), 1));
  row('peak error p90, %', '', fmt(percentile(ours.peakErrPct, 0.9), 1), fmt(percentile(naive.peakErrPct, 0.9), 1));
  row('latency median, ms', '≤ 150', fmt(percentile(ours.latency, 0.5)), fmt(percentile(naive.latency, 0.5)));
  row('latency p90, ms', '≤ 300', fmt(percentile(ours.latency, 0.9)), fmt(percentile(naive.latency, 0.9)));
  row('latency min, ms', '≥ −100', fmt(Math.min(...ours.latency)), fmt(Math.min(...naive.latency)));
  if (set.id.endsWith(':gaps')) {
    row('reps cut by a gap (matched, not in peak and duration errors)', '', `${cutReps} (${ours.cutMatched})`, '');
    row('reps whose measures reach across a link gap', '0', String(acrossGaps), '');
  }
  row('peak time error median / p90, ms', '', `${fmt(percentile(ours.peakTimeErr, 0.5))} / ${fmt(percentile(ours.peakTimeErr, 0.9))}`, 'n/a');
  row('release error median / p90, ms', '', `${fmt(percentile(ours.releaseErr, 0.5))} / ${fmt(percentile(ours.releaseErr, 0.9))}`, 'n/a');
  row('rise time error median / p90, ms', '', `${fmt(percentile(ours.riseTimeErr, 0.5))} / ${fmt(percentile(ours.riseTimeErr, 0.9))}`, 'n/a');
  row('reps with no rise time (a 10 or 90 % crossing in a gap, or not seen)', '', String(noRiseTime), 'n/a');
  const ranges = ours.riseRanges;
  const miss = ranges.map((r) => Math.max(0, r.minMs - r.trueMs, r.trueMs - r.maxMs));
  // Judged for a slow rise (scoring.ts) when the whole range is on one side of the threshold.
  const slowAt = DEFAULT_RULES.slow_rise.threshold;
  const judged = ranges.filter((r) => r.maxMs <= slowAt || r.minMs > slowAt);
  const misjudged = judged.filter((r) => r.minMs > slowAt !== r.trueMs > slowAt).length;
  row(
    'of them with a range (a crossing in a burst of lost packets): how many; the true rise time outside it median / p90 / max, ms',
    '',
    ranges.length === 0 ? '0' : `${ranges.length}; ${fmt(percentile(miss, 0.5))} / ${fmt(percentile(miss, 0.9))} / ${fmt(Math.max(...miss))}`,
    'n/a',
  );
  const pointsMisjudged = ours.riseTimes.filter((r) => r.measuredMs > slowAt !== r.trueMs > slowAt).length;
  row(
    `… judged for a slow rise (the range on one side of ${slowAt} ms): how many, of them misjudged (reps with a rise time: misjudged of all)`,
    '',
    `${judged.length}, ${misjudged} (${pointsMisjudged} of ${ours.riseTimes.length})`,
    'n/a',
  );
  row(
    'squeezes with a cough or laugh spike on them: how many; their peak error p90, %; rise time error p90, ms',
    '',
    ours.onSpikeReps === 0 ? '0' : `${ours.onSpikeReps}; ${fmt(percentile(ours.onSpikePeakErrPct, 0.9), 1)}; ${fmt(percentile(ours.onSpikeRiseTimeErr, 0.9))}`,
    'n/a',
  );
  row(
    'straining accuracy (reference channel)',
    '',
    ours.strainingTotal === 0 ? 'n/a' : `${fmt(ours.strainingRight / ours.strainingTotal, 3)} (${ours.strainingTotal})`,
    'n/a',
  );
  row('onsets announced then cancelled: at a cough/laugh, per min', '', fmt(ours.artefactCancels / ours.minutes, 2), 'n/a');
  row('onsets announced then cancelled: anything else, per min', '', fmt(ours.otherCancels / ours.minutes, 2), 'n/a');
  row(
    'squeezes under way at the start or begun in the first 2 s: reported (may be dropped), their onset error',
    '',
    `${ours.optionalReported} of ${ours.optionalTruths}${onsetRange(ours.optionalOnsetErr)}`,
    `${naive.optionalReported} of ${naive.optionalTruths}${onsetRange(naive.optionalOnsetErr)}`,
  );
  return lines.join('\n');
}

/** " (−175…+59 ms)": the range of signed onset errors, or nothing when there are none. */
function onsetRange(errs: readonly number[]): string {
  if (errs.length === 0) return '';
  const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(0)}`;
  return ` (${signed(Math.min(...errs))}…${signed(Math.max(...errs))} ms)`;
}

function byKind(t: Tally): string {
  const kinds = [...t.truthsByKind.keys()].sort();
  return kinds
    .map((k) => {
      const n = t.truthsByKind.get(k) ?? 0;
      const missed = t.missedByKind.get(k) ?? 0;
      const err = t.onsetErrByKind.get(k) ?? [];
      const rise = t.riseTimeErrByKind.get(k) ?? [];
      const latency = t.latencyByKind.get(k) ?? [];
      const peak = t.peakErrPctByKind.get(k) ?? [];
      const medianP90 = (xs: readonly number[]) => `${fmt(percentile(xs, 0.5))} / ${fmt(percentile(xs, 0.9))}`;
      return (
        `  ${k.padEnd(13)} n=${String(n).padStart(4)} missed=${String(missed).padStart(3)}; median / p90, ms: onset |err| ${medianP90(err)}, ` +
        `latency ${medianP90(latency)}, rise time |err| ${medianP90(rise)}, peak |err| % ${medianP90(peak)}`
      );
    })
    .join('\n');
}

function main(): void {
  const { seeds, sets, byKind: showKinds, quantum, digest } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  console.log(`# Detection bench: ${seeds} recordings per set${quantum > 0 ? `, readings rounded to ${quantum} cmH2O` : ''}\n`);
  for (const set of sets) {
    const result = runSet(set, seeds, quantum);
    console.log(report(set, result));
    if (showKinds) console.log(`\nours by kind:\n${byKind(result.ours)}`);
    if (digest) console.log(`\nevents digest: ${result.digest}`);
    console.log('');
  }
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

main();
