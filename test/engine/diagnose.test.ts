import * as assert from 'assert';
import { diagnose, diagnoseAll } from '../../src/engine/diagnose';
import { KIND_MODULES } from '../../src/engine/kinds';
import { PASTE_KINDS } from '../../src/engine/types';
import { fixture } from '../helpers/fixtures';

describe('diagnose: input that is not command output', () => {
  it('only an empty paste (blank lines, empty markup) is wrong_input, kind empty', () => {
    for (const raw of ['', '   \n\n', '<p></p>', '<div><br></div>&nbsp;']) {
      const d = diagnose(raw);
      assert.strictEqual(d.detected, 'empty', JSON.stringify(raw));
      assert.strictEqual(d.status, 'wrong_input');
      assert.match(d.next, /empty/);
    }
  });

  it('a paste with anything in it is never called empty: a bare prompt, a fence, a prompt and its command', () => {
    const prompt = diagnose('[PS] C:\\Windows\\system32>');
    assert.deepStrictEqual([prompt.detected, prompt.status], ['unknown', 'wrong_input']);
    assert.match(prompt.next, /only the PowerShell prompt/);
    const fence = diagnose('```\n```');
    assert.notStrictEqual(fence.detected, 'empty');
    for (const [raw, kind] of [
      ['PS C:\\> Get-IRMConfiguration | fl', 'irm-configuration'],
      ['[PS] C:\\Windows\\system32>Test-IRMConfiguration -Sender megan@woodfin.com\n\n', 'irm-test'],
      ['<p>PS C:\\&gt; reg query HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\v15\\IRM /s</p>', 'registry'],
    ] as const) {
      const d = diagnose(raw);
      assert.strictEqual(d.detected, kind, raw);
      assert.strictEqual(d.status, 'incomplete', raw);
      assert.deepStrictEqual(d.findings.map((f) => f.id), ['input.command-only']);
      assert.match(d.next, /only the command line .* without what it printed/);
    }
  });

  it('a flattened prompt keeps the output it shares a line with', () => {
    const flat = 'PS C:\\> Get-IRMConfiguration | fl InternalLicensingEnabled       : False ExternalLicensingEnabled       : False ' +
      'JournalReportDecryptionEnabled : True ClientAccessServerEnabled      : True SearchEnabled                  : True';
    const d = diagnose(flat);
    assert.strictEqual(d.detected, 'irm-configuration');
    assert.strictEqual(d.facts.InternalLicensingEnabled, false);
    assert.strictEqual(d.facts.SearchEnabled, true);
  });

  it('binary garbage is wrong_input with a message saying so', () => {
    const garbage = Array.from({ length: 100000 }, (_, i) => String.fromCharCode((i * 7919) % 31 + 1)).join('');
    const d = diagnose(garbage);
    assert.strictEqual(d.detected, 'unknown');
    assert.strictEqual(d.status, 'wrong_input');
    assert.match(d.next, /binary data/);
  });

  it('prose is unknown and lists what can be read', () => {
    const d = diagnose('Hello, our OWA users see "this message is protected" and cannot open it. Any idea?');
    assert.strictEqual(d.detected, 'unknown');
    assert.match(d.next, /Get-IRMConfiguration/);
  });

  it('Unicode text of any script does not crash detection', () => {
    const d = diagnose('Ошибка: 用户无法打开受保护的邮件 🙁 — ça ne marche pas\n'.repeat(2000));
    assert.ok(['unknown', 'powershell-error'].includes(d.detected));
  });

  it('every kind concatenated into one paste gets one clear answer, and each part alone is still read', () => {
    const parts = [
      fixture('irm-configuration', 'seed-healthy.txt'), fixture('irm-test', 'onprem-pass-connector.txt'), fixture('registry', 'healthy-base-url.txt'),
      fixture('connector-events', 'winevent-list.txt'), fixture('exchange-version', 'exchange-2016-cu23-html.html'), fixture('web-probe', 'iwr-401.txt'),
      fixture('certificate-check', 'ok.txt'), fixture('rms-tenant-configuration', 'aipservice-fl.txt'), fixture('powershell-error', 'not-recognized.txt'),
    ];
    const all = diagnose(parts.join('\n\n'));
    assert.ok(PASTE_KINDS.includes(all.detected));
    assert.ok(all.next.length > 0);
    const kinds = diagnoseAll(parts).map((d) => d.detected);
    assert.deepStrictEqual(kinds, ['irm-configuration', 'irm-test', 'registry', 'connector-events', 'exchange-version', 'web-probe', 'certificate-check', 'rms-tenant-configuration', 'powershell-error']);
  });

  it('one line of 1 MB and 10 MB of text get an answer', () => {
    for (const raw of ['A'.repeat(1024 * 1024), ('Name : value ' + 'z'.repeat(90) + '\n').repeat(100000)]) {
      const d = diagnose(raw);
      assert.ok(PASTE_KINDS.includes(d.detected));
      assert.ok(typeof d.next === 'string' && d.next.length > 0);
    }
  });

  it('every module lists the finding ids it emits, without duplicates across modules', () => {
    const seen = new Map<string, string>();
    for (const m of KIND_MODULES) {
      for (const id of m.findingIds) {
        assert.ok(!seen.has(id), `${id} is listed by ${seen.get(id)} and ${m.kind}`);
        seen.set(id, m.kind);
      }
    }
  });

  it('diagnoseAll of nothing is nothing', () => {
    assert.deepStrictEqual(diagnoseAll([]), []);
  });
});
