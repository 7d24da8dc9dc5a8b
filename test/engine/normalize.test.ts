import * as assert from 'assert';
import { normalizePaste, stripHtml } from '../../src/engine/normalize';

describe('normalizePaste', () => {
  it('turns Teams HTML into plain lines, decoding entities and dropping tags', () => {
    const html = '<div><pre><code>InternalLicensingEnabled&nbsp;&nbsp;: True<br>LicensingLocation : {https://a.rms.na.aadrm.com/_wmcs/licensing}<br/>Name &amp; more &lt;x&gt;</code></pre></div>';
    const { text } = normalizePaste(html);
    assert.deepStrictEqual(text.split('\n').filter((l) => l !== ''), [
      'InternalLicensingEnabled  : True',
      'LicensingLocation : {https://a.rms.na.aadrm.com/_wmcs/licensing}',
      'Name & more <x>',
    ]);
  });

  it('keeps angle brackets that are part of console output', () => {
    const { text } = normalizePaste('RMS server <YourTenantURL>/wmcs/licensing doesn\'t meet the version requirements.');
    assert.ok(text.includes('<YourTenantURL>'));
  });

  it('removes PowerShell and cmd prompt lines but remembers the commands', () => {
    const raw = '[PS] C:\\Windows\\system32>Get-IRMConfiguration | fl\r\n\r\nInternalLicensingEnabled : True   \r\nPS C:\\Users\\admin> reg query HKLM\\X\r\nC:\\>certutil -verify a.cer\r\n';
    const n = normalizePaste(raw);
    assert.strictEqual(n.text, 'InternalLicensingEnabled : True');
    assert.deepStrictEqual(n.commands, ['Get-IRMConfiguration | fl', 'reg query HKLM\\X', 'certutil -verify a.cer']);
  });

  it('expands tabs, strips trailing spaces and the BOM, and handles lone CRs', () => {
    const { text } = normalizePaste('\ufeffa\tb   \rc\t\td');
    assert.strictEqual(text, 'a   b\nc       d');
  });

  it('drops the NULs of UTF-16 text that was read as bytes', () => {
    const utf16ish = 'W\u0000i\u0000n\u0000d\u0000o\u0000w\u0000s\u0000';
    assert.strictEqual(normalizePaste(utf16ish).text, 'Windows');
    // The same with regedit's byte-order mark, read as UTF-8 (two replacement characters) or latin1.
    assert.strictEqual(normalizePaste(`\ufffd\ufffd${utf16ish}`).text, 'Windows');
    assert.strictEqual(normalizePaste(`\u00ff\u00fe${utf16ish}`).text, 'Windows');
  });

  it('is linear on a megabyte of unclosed tags and prompt-like noise', () => {
    const evil = '<pre>' + '<'.repeat(500000) + 'C:\\'.repeat(100000) + '&#'.repeat(100000);
    const out = normalizePaste(evil);
    assert.ok(out.text.length > 0);
    assert.ok(stripHtml('<'.repeat(1000000)).length === 1000000);
  });
});

describe('normalizePaste: pastes that went through a chat, a mail or a narrow console', () => {
  const list = [
    'RunspaceId                     : 8d6e1b6c-6c3a-4f0e-9d61-2b8c4f0e7a55',
    'InternalLicensingEnabled       : False',
    'ExternalLicensingEnabled       : False',
    'LicensingLocation              : {https://7e1d2c3b-5a4f-4d6e-9b8a-0c1d2e3f4a5b.rms.na.aadrm.com/_wmcs/licensing,',
    '                                 https://adrms.woodfin.com/_wmcs/licensing}',
    'SearchEnabled                  : True',
  ];

  it('restores a flattened Format-List, wrapped value lines included', () => {
    const { text } = normalizePaste(list.join(' '));
    assert.deepStrictEqual(text.split('\n'), list);
  });

  it('splits a prompt from the output flattened onto its line, and keeps both', () => {
    const n = normalizePaste(`PS C:\\> Get-IRMConfiguration ${list.join(' ')}`);
    assert.deepStrictEqual(n.commands, ['Get-IRMConfiguration']);
    assert.deepStrictEqual(n.text.split('\n'), list);
  });

  it('restores a flattened table (header, rule, rows) and a flattened Test-IRMConfiguration', () => {
    const table = normalizePaste('PS C:\\> Get-IRMConfiguration | ft InternalLicensingEnabled ExternalLicensingEnabled ------------------------ ------------------------                     True                    False' + ' '.repeat(60));
    assert.deepStrictEqual(table.text.split('\n').slice(0, 2), ['InternalLicensingEnabled ExternalLicensingEnabled', '------------------------ ------------------------']);
    const test = normalizePaste('Results : Checking Exchange Server ...     - PASS: Exchange Server is running in Enterprise.     Loading IRM configuration ...     - PASS: IRM configuration loaded successfully.      OVERALL RESULT: PASS');
    assert.deepStrictEqual(test.text.split('\n').map((l) => l.trim()), [
      'Results : Checking Exchange Server ...', '- PASS: Exchange Server is running in Enterprise.', 'Loading IRM configuration ...',
      '- PASS: IRM configuration loaded successfully.', 'OVERALL RESULT: PASS',
    ]);
  });

  it('leaves ordinary long lines alone', () => {
    const long = `- PASS: RMS Templates acquired.  Templates available: ${'Confidential, '.repeat(20)}Do Not Forward.`;
    assert.strictEqual(normalizePaste(long).text, long);
  });

  it('strips a mail reply\'s quoting and a markdown fence, keeping the indentation inside', () => {
    assert.strictEqual(normalizePaste('> Results : a\n>           - PASS: b\n>\n> > nested').text, 'Results : a\n          - PASS: b\n\nnested');
    assert.strictEqual(normalizePaste('Here it is:\n```powershell\nA : 1\n```').text, 'Here it is:\nA : 1');
    // One quoted line among others is content, not quoting.
    assert.strictEqual(normalizePaste('a\nb\n> c').text, 'a\nb\n> c');
  });

  it('joins lines a console 80 columns wide cut, but not lines that start something new', () => {
    const value = `LicensingLocation : {https://7e1d2c3b-5a4f-4d6e-9b8a-0c1d2e3f4a5b.rms.na.aadrm.com/_wmcs/licensing}`;
    const cut = [value.slice(0, 80), value.slice(80), 'SearchEnabled : True'].join('\n');
    assert.strictEqual(normalizePaste(cut).text, `${value}\nSearchEnabled : True`);
  });

  it('is linear on a megabyte of flattened, fenced and quoted near-matches', () => {
    const MB = 1024 * 1024;
    const evil = [
      'Name : value '.repeat(MB / 13),
      `PS C:\\> ${'a : '.repeat(MB / 4)}`,
      `${'---- '.repeat(MB / 5)}`,
      `${'Word '.repeat(MB / 10)}${'-- '.repeat(MB / 6)}`,
      `${'- PASS: x. Checking '.repeat(MB / 20)}`,
      `${'> '.repeat(MB / 2)}\n> x`,
      `${'```\n'.repeat(MB / 4)}`,
      `${'x'.repeat(80)}\n`.repeat(MB / 81),
      `PS C:\\> ${'PS C:\\'.repeat(MB / 6)}`,
      `${'A'.repeat(70)}        : `.repeat(MB / 80),
    ];
    for (const text of evil) {
      const out = normalizePaste(text);
      assert.strictEqual(typeof out.text, "string");
    }
  });
});
