// `npm run accuracy`: prints the accuracy table and every miss. Exit status 1 when a real paste
// (or one of its variants) is missed, so the script can gate a change like the test does.
import { formatReport, runAccuracy } from './accuracy';

const report = runAccuracy();
console.log(formatReport(report));
process.exitCode = report.misses.some((m) => !m.entry.startsWith('fixtures/')) ? 1 : 0;
