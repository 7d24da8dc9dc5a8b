// `npm run bench`: prints the project's performance figures.
import * as os from 'os';
import { printParseFigures, runParseBench } from './parseBench';

function main(): void {
  const runs = Number(process.env.BENCH_RUNS ?? 20);
  console.log(`IRM Doctor benchmark — node ${process.version}, ${os.cpus().length} cores`);
  printParseFigures(runParseBench(runs));
}

main();
