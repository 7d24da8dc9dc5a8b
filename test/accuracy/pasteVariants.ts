// The ways a console output reaches the bot after an admin copied it somewhere first: a chat or
// ticket system that drops the line breaks, a console that hard-wraps at 80 columns, Teams' HTML,
// the prompt copied along, a mail reply's `> ` quoting, a markdown code fence. Each variant is a
// pure function of the verbatim paste, so a miss can be reproduced from the corpus alone.
import type { PasteKind } from '../../src/engine/types';

export const VARIANT_NAMES = ['original', 'flattened', 'wrapped80', 'teamsHtml', 'prompt', 'promptFlattened', 'mailQuote', 'fenced'] as const;
export type VariantName = (typeof VARIANT_NAMES)[number];

/** The command an admin most likely ran for each kind (the prompt variants put it before the output). */
const COMMAND_OF: Partial<Record<PasteKind, string>> = {
  'irm-configuration': 'Get-IRMConfiguration',
  'irm-test': 'Test-IRMConfiguration -Sender admin@northwindlab.net',
  registry: 'reg query HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\v15\\IRM /s',
  'connector-events': 'Get-EventLog -LogName Application -Source "Microsoft RMS connector" -Newest 20 | fl',
  'exchange-version': 'Get-ExchangeServer | fl Name,AdminDisplayVersion',
  'web-probe': 'Invoke-WebRequest https://rmsconnector.northwindlab.net/_wmcs/certification/server.asmx -UseDefaultCredentials',
  'certificate-check': 'certutil -verify -urlfetch C:\\temp\\connector.cer',
  'rms-tenant-configuration': 'Get-AipServiceConfiguration',
  // A command no kind claims: the error's own text has to say what it is.
  'powershell-error': 'Import-Module AIPService',
};

function lf(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Every line break lost, as Teams on some clients, mail and ticket systems do: newline -> one space. */
export function flattened(text: string): string {
  return lf(text).replace(/\n/g, ' ');
}

/** A console 80 columns wide: longer lines are cut every 80 characters, mid-word. */
export function wrapped80(text: string): string {
  const out: string[] = [];
  for (const line of lf(text).split('\n')) {
    if (line.length <= 80) out.push(line);
    else for (let i = 0; i < line.length; i += 80) out.push(line.slice(i, i + 80));
  }
  return out.join('\n');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** As Teams sends a pasted block: one <pre>, entities escaped, runs of spaces as &nbsp;, <br> per line. */
export function teamsHtml(text: string): string {
  const body = lf(text)
    .split('\n')
    .map((l) => escapeHtml(l).replace(/ {2}/g, '&nbsp; ').replace(/^ /, '&nbsp;'))
    .join('<br>');
  return `<div><pre>${body}</pre></div>`;
}

export function promptLine(kind: PasteKind): string {
  return `PS C:\\> ${COMMAND_OF[kind] ?? 'Get-IRMConfiguration'}`;
}

export function withPrompt(text: string, kind: PasteKind): string {
  return `${promptLine(kind)}\n${lf(text)}`;
}

/** Prompt, command and output on one line: what a flattened paste of a console session looks like. */
export function promptFlattened(text: string, kind: PasteKind): string {
  return `${promptLine(kind)} ${flattened(text)}`;
}

export function mailQuote(text: string): string {
  return lf(text)
    .split('\n')
    .map((l) => (l === '' ? '>' : `> ${l}`))
    .join('\n');
}

export function fenced(text: string): string {
  return `Here is the output:\n\n\`\`\`powershell\n${lf(text)}\n\`\`\`\n`;
}

export function makeVariant(name: VariantName, text: string, kind: PasteKind): string {
  switch (name) {
    case 'original':
      return text;
    case 'flattened':
      return flattened(text);
    case 'wrapped80':
      return wrapped80(text);
    case 'teamsHtml':
      return teamsHtml(text);
    case 'prompt':
      return withPrompt(text, kind);
    case 'promptFlattened':
      return promptFlattened(text, kind);
    case 'mailQuote':
      return mailQuote(text);
    case 'fenced':
      return fenced(text);
  }
}
