// Parse throughput: how fast the engine diagnoses large pastes. Prints figures; asserts nothing
// (speed is measured here, never in tests).
import { diagnose } from '../src/engine/diagnose';
import { makeEventLogDump } from '../test/helpers/eventLogGenerator';
import { makeRegistryPaste } from '../test/helpers/registryPasteGenerator';

export interface ParseFigure {
  name: string;
  bytes: number;
  detected: string;
  medianMs: number;
  mbPerSec: number;
}

function measure(name: string, text: string, runs: number): ParseFigure {
  const bytes = Buffer.byteLength(text, 'utf8');
  let detected = '';
  for (let i = 0; i < 3; i++) detected = diagnose(text).detected; // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    diagnose(text);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const medianMs = times[Math.floor(times.length / 2)]!;
  return { name, bytes, detected, medianMs, mbPerSec: bytes / 1048576 / (medianMs / 1000) };
}

export function runParseBench(runs = 20): ParseFigure[] {
  return [
    measure('1 MB Application-log dump (connector events mixed in)', makeEventLogDump(1024 * 1024), runs),
    measure('200-server registry paste', makeRegistryPaste(200), runs),
  ];
}

export function printParseFigures(figs: ParseFigure[]): void {
  console.log('\nParse throughput (median of runs, one core)');
  console.log('input'.padEnd(58) + 'size'.padStart(10) + 'detected'.padStart(20) + 'ms'.padStart(10) + 'MB/s'.padStart(10));
  for (const f of figs) {
    console.log(f.name.padEnd(58) + `${(f.bytes / 1024).toFixed(0)} KB`.padStart(10) + f.detected.padStart(20) + f.medianMs.toFixed(2).padStart(10) + f.mbPerSec.toFixed(1).padStart(10));
  }
  const mb = figs[0]!;
  const perMb = mb.medianMs / (mb.bytes / 1048576);
  console.log(`Target: a 1 MB paste diagnosed in under 50 ms — measured ${perMb.toFixed(1)} ms per MB (${perMb < 50 ? 'met' : 'NOT met'}).`);
}
