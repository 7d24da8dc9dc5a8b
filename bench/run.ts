// `npm run bench`: prints the project's performance figures.
// BENCH_RUNS: runs per parse figure (default 20). BENCH_SKIP_TURNS=1 skips the turn benchmark;
// BENCH_TURNS scales its number of turns (a factor, default 1); see bench/turnBench.ts.
// BENCH_FANOUT: reminders in the fan-out figure (default 10,000, which drains in ~6 minutes at
// Teams' 30 sends/s; 0 skips it).
import * as os from 'os';
import { printParseFigures, runParseBench } from './parseBench';
import { printTurnFigures, runTurnBenchAll, turnBenchConfig } from './turnBench';
import { printFanout, runFanout } from './fanoutBench';

async function main(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 20);
  console.log(`IRM Doctor benchmark — node ${process.version}, ${os.cpus().length} cores`);
  printParseFigures(runParseBench(runs));
  if (process.env.BENCH_SKIP_TURNS === '1') console.log('\nTurn benchmark skipped (BENCH_SKIP_TURNS=1).');
  else printTurnFigures(await runTurnBenchAll(turnBenchConfig()));
  const fanout = Number(process.env.BENCH_FANOUT ?? 10000);
  if (fanout > 0) printFanout(await runFanout(fanout));
  else console.log('\nReminder fan-out skipped (BENCH_FANOUT=0).');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exit(1);
});
