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
