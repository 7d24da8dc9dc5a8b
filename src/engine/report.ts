// A diagnosis as readable text, for the CLI (plain) and chat messages (Markdown). Cards come later
// from src/cards; this stays the fallback everywhere a card cannot go.
import type { Diagnosis, Finding } from './types';

const KIND_NAMES: Record<string, string> = {
  'irm-configuration': 'Get-IRMConfiguration output',
  'irm-test': 'Test-IRMConfiguration output',
  registry: 'registry settings',
  'connector-events': 'RMS connector event log',
  'exchange-version': 'Exchange version',
  'web-probe': 'web request to the connector',
  'certificate-check': 'certutil -verify output',
  'rms-tenant-configuration': 'Azure RMS tenant configuration',
  'powershell-error': 'PowerShell error',
  empty: 'empty paste',
  unknown: 'unrecognised text',
};

const STATUS_WORDS: Record<Diagnosis['status'], string> = {
  ok: 'nothing wrong found',
  problem: 'problems found',
  wrong_input: 'not the output this troubleshooting needs',
  incomplete: 'not enough to judge',
};

export function kindName(kind: string): string {
  return KIND_NAMES[kind] ?? kind;
}

const ICON: Record<Finding['severity'], string> = { problem: 'PROBLEM', warning: 'WARNING', info: 'INFO' };

function findingLines(f: Finding, md: boolean): string[] {
  const out: string[] = [];
  const where = [f.server ? `server ${f.server}` : '', f.seedStep ? `article step ${f.seedStep}` : ''].filter(Boolean).join(', ');
  out.push(md ? `**${ICON[f.severity]}** ${f.summary}${where ? ` _(${where})_` : ''}` : `[${ICON[f.severity]}] ${f.summary}${where ? ` (${where})` : ''}`);
  if (f.detail) out.push(md ? f.detail : `    ${f.detail}`);
  if (f.articleDiffers) out.push(md ? `_Note: the article differs here: ${f.articleDiffers}_` : `    Note, the article differs: ${f.articleDiffers}`);
  if (f.fix) {
    if (md) out.push('Fix:', '```', f.fix, '```');
    else out.push('    Fix:', ...f.fix.split('\n').map((l) => `      ${l}`));
  }
  return out;
}

export function formatReport(d: Diagnosis, style: 'plain' | 'markdown' = 'plain', title?: string): string {
  const md = style === 'markdown';
  const head = `${title ? `${title}: ` : ''}${kindName(d.detected)} (${STATUS_WORDS[d.status]})`;
  const out: string[] = [md ? `**${head}**` : head];
  if (!md) out.push('='.repeat(Math.min(head.length, 80)));
  for (const f of d.findings) {
    out.push(...findingLines(f, md));
    if (md) out.push('');
  }
  if (d.findings.length === 0 && !md) out.push('No findings.');
  out.push(md ? `**Next:** ${d.next}` : `Next: ${d.next}`);
  return out.join('\n');
}
