// `irm-doctor`: the engine from a terminal, for scripts and for trying things without Teams.
//   irm-doctor diagnose [FILE...|-] [--json]
//   irm-doctor flow --mermaid [--markdown]
import * as fs from 'fs';
import * as path from 'path';
import { decodeText } from '../engine/decodeText';
import { diagnoseAll } from '../engine/diagnose';
import { formatReport } from '../engine/report';
import { FLOW } from '../engine/flow/loadFlow';
import { flowMarkdown, toMermaid } from '../engine/flow/mermaid';

const USAGE = `Usage:
  irm-doctor diagnose [FILE...|-] [--json]   Diagnose pasted command output (files, or standard input).
  irm-doctor flow --mermaid [--markdown]     Print the troubleshooting flow as a Mermaid flowchart.
  irm-doctor --help | --version

Exit status: 0 whatever the diagnosis says; 2 for unusable arguments or unreadable files.`;

/** Beyond this a file is cut: no real paste is this large, and the engine must stay responsive. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  readStdin: () => Promise<Uint8Array>;
  readFile: (path: string) => Uint8Array;
}

const defaultIo: CliIo = {
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  },
  readFile: (p) => fs.readFileSync(p),
};

function cap(bytes: Uint8Array, name: string, io: CliIo): Uint8Array {
  if (bytes.length <= MAX_INPUT_BYTES) return bytes;
  io.err(`irm-doctor: ${name} is ${bytes.length} bytes; only the first ${MAX_INPUT_BYTES} are read.`);
  return bytes.subarray(0, MAX_INPUT_BYTES);
}

async function diagnoseCommand(args: string[], io: CliIo): Promise<number> {
  let json = false;
  const inputs: string[] = [];
  for (const a of args) {
    if (a === '--json') json = true;
    else if (a === '-') inputs.push('-');
    else if (a.startsWith('-')) {
      io.err(`irm-doctor: unknown option ${a}\n${USAGE}`);
      return 2;
    } else inputs.push(a);
  }
  if (inputs.length === 0) inputs.push('-');
  if (inputs.filter((i) => i === '-').length > 1) {
    io.err('irm-doctor: standard input (-) can be named only once.');
    return 2;
  }
  const texts: string[] = [];
  for (const name of inputs) {
    try {
      const bytes = name === '-' ? await io.readStdin() : io.readFile(name);
      texts.push(decodeText(cap(bytes, name === '-' ? 'standard input' : name, io)));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      io.err(`irm-doctor: cannot read ${name}${code ? ` (${code})` : ''}: ${(e as Error).message}`);
      return 2;
    }
  }
  const results = diagnoseAll(texts);
  if (json) {
    // One object for one input (the documented contract); an array of them, each naming its file, for several.
    if (inputs.length === 1) io.out(JSON.stringify(results[0], null, 2));
    else io.out(JSON.stringify(results.map((r, i) => ({ file: inputs[i] ?? null, ...r })), null, 2));
    return 0;
  }
  io.out(results.map((r, i) => formatReport(r, 'plain', inputs.length > 1 ? inputs[i] : undefined)).join('\n\n'));
  return 0;
}

function flowCommand(args: string[], io: CliIo): number {
  const known = new Set(['--mermaid', '--markdown']);
  const bad = args.find((a) => !known.has(a));
  if (bad || !args.includes('--mermaid')) {
    io.err(`irm-doctor: ${bad ? `unknown option ${bad}` : 'flow needs --mermaid'}\n${USAGE}`);
    return 2;
  }
  io.out(args.includes('--markdown') ? flowMarkdown(FLOW) : toMermaid(FLOW));
  return 0;
}

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'diagnose':
      return diagnoseCommand(rest, io);
    case 'flow':
      return flowCommand(rest, io);
    case '--help':
    case '-h':
    case 'help':
      io.out(USAGE);
      return 0;
    case '--version':
      io.out((JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { version: string }).version);
      return 0;
    default:
      io.err(`irm-doctor: ${cmd ? `unknown command ${cmd}` : 'no command given'}\n${USAGE}`);
      return 2;
  }
}
