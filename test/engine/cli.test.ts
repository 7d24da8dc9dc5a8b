// The CLI contract scripts rely on: `irm-doctor diagnose [FILE...|-] [--json]`, exit 0 whatever the
// status, 2 for unusable arguments. Run as a real process through bin/irm-doctor.js.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixturePath, repoRoot } from '../helpers/fixtures';

function cli(args: string[], input?: string): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'irm-doctor.js'), ...args], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('irm-doctor CLI', function () {
  this.timeout(30000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'irm-cli-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('diagnose --json prints one object with the documented shape', () => {
    const r = cli(['diagnose', fixturePath('bot', 'irmconfig-licensing-off.txt'), '--json']);
    assert.strictEqual(r.code, 0, r.err);
    const o = JSON.parse(r.out) as Record<string, unknown>;
    assert.deepStrictEqual(Object.keys(o).sort(), ['detected', 'facts', 'findings', 'next', 'status']);
    assert.strictEqual(o.detected, 'irm-configuration');
    assert.strictEqual(o.status, 'problem');
    const facts = o.facts as Record<string, unknown>;
    assert.strictEqual(facts.InternalLicensingEnabled, false);
    assert.ok(Array.isArray(facts.LicensingLocation));
    const f = (o.findings as Record<string, unknown>[]).find((x) => x.id === 'irmconfig.internal-licensing-disabled');
    assert.ok(f, 'finding present');
    assert.deepStrictEqual(Object.keys(f).filter((k) => ['id', 'severity', 'summary', 'seedStep', 'fix'].includes(k)).sort(), ['fix', 'id', 'seedStep', 'severity', 'summary']);
    assert.ok(String(f.fix).includes('Set-IRMConfiguration -InternalLicensingEnabled $true'));
  });

  it('reads standard input with - and prints a readable report by default', () => {
    const r = cli(['diagnose', '-'], fs.readFileSync(fixturePath('bot', 'irmconfig-licensing-off.txt'), 'utf8'));
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.out, /Get-IRMConfiguration output \(problems found\)/);
    assert.match(r.out, /Next: /);
  });

  it('exits 0 for wrong input (an empty file) and says why', () => {
    const empty = path.join(tmp, 'empty.txt');
    fs.writeFileSync(empty, '');
    const r = cli(['diagnose', empty, '--json']);
    assert.strictEqual(r.code, 0);
    const o = JSON.parse(r.out) as { detected: string; status: string };
    assert.strictEqual(o.detected, 'empty');
    assert.strictEqual(o.status, 'wrong_input');
  });

  it('reads a UTF-16LE .reg export as regedit writes it', () => {
    const text = 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation\\Activation]\r\n@="https://7e1d2c3b-5a4f-4d6e-9b8a-0c1d2e3f4a5b.rms.na.aadrm.com/_wmcs/certification"\r\n';
    const file = path.join(tmp, 'export.reg');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const o = JSON.parse(cli(['diagnose', file, '--json']).out) as { detected: string };
    assert.strictEqual(o.detected, 'registry');
  });

  it('diagnoses several files together: an array naming each file', () => {
    const r = cli(['diagnose', fixturePath('bot', 'irmconfig-licensing-off.txt'), fixturePath('bot', 'irmconfig-licensing-off.txt'), '--json']);
    assert.strictEqual(r.code, 0, r.err);
    const arr = JSON.parse(r.out) as { file: string; detected: string }[];
    assert.strictEqual(arr.length, 2);
    assert.ok(arr.every((x) => x.detected === 'irm-configuration' && x.file.endsWith('irmconfig-licensing-off.txt')));
  });

  it('exits 2 for unusable arguments', () => {
    assert.strictEqual(cli(['diagnose', '--bogus']).code, 2);
    assert.strictEqual(cli(['diagnose', path.join(tmp, 'does-not-exist.txt')]).code, 2);
    assert.strictEqual(cli(['frobnicate']).code, 2);
    assert.strictEqual(cli([]).code, 2);
    assert.strictEqual(cli(['flow']).code, 2);
    assert.match(cli(['diagnose', path.join(tmp, 'nope')]).err, /cannot read/);
  });

  it('handles a 10 MB file without crashing', () => {
    const big = path.join(tmp, 'big.txt');
    fs.writeFileSync(big, 'TimeCreated : 1/1/2024 10:00:00 AM\nId : 4624\nMessage : noise\n\n'.repeat(170000));
    const r = cli(['diagnose', big, '--json']);
    assert.strictEqual(r.code, 0, r.err);
    assert.ok(JSON.parse(r.out).detected);
  });

  it('flow --mermaid prints a flowchart, and docs/flow.md is up to date', () => {
    const r = cli(['flow', '--mermaid']);
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.out, /^flowchart TD/);
    const md = cli(['flow', '--mermaid', '--markdown']).out;
    const onDisk = fs.readFileSync(path.join(repoRoot, 'docs', 'flow.md'), 'utf8');
    assert.strictEqual(onDisk, md, 'docs/flow.md is stale: run `npm run flow:docs` and commit it');
  });
});
