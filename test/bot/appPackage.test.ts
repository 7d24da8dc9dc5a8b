// The Teams app package: the manifest is valid against the official 1.22 schema (bundled in
// @microsoft/app-manifest, so this runs offline), the icons are the sizes Teams requires and the
// outline icon is white on transparent, and `node scripts/package.js` builds an uploadable zip or
// refuses clearly.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { pngHeader, readPng, readZip } from '../helpers/appPackageReaders';
import { repoRoot } from '../helpers/fixtures';

const SAMPLE_APP_ID = '0b7e1c52-4f0e-4d0a-9a43-3c2f1a9e8d11';
const SAMPLE_BOT_ID = '6f3d2a10-8b1c-4e5f-9d7a-2c4b6e8f0a13';
const manifestText = fs.readFileSync(path.join(repoRoot, 'manifest', 'manifest.json'), 'utf8');

/** The official schema for a manifest version, read from the package (never downloaded). */
function officialSchema(version: string): Parameters<typeof AppManifestUtils.validateAgainstSchema>[1] {
  const dir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(dir, 'build', 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json');
  return JSON.parse(fs.readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b'));
}

function sampleManifest(): Record<string, unknown> & { manifestVersion: string; bots: { botId: string; commandLists: { commands: unknown[] }[] }[] } {
  return JSON.parse(manifestText.replace('${{TEAMS_APP_ID}}', SAMPLE_APP_ID).replace('${{BOT_ID}}', SAMPLE_BOT_ID));
}

async function schemaErrors(manifest: { manifestVersion: string }): Promise<string[]> {
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, officialSchema(manifest.manifestVersion));
}

/** The environment without any setting the packaging script reads. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['MicrosoftAppId', 'BOT_ID', 'TEAMS_APP_ID', 'BOT_DOMAIN', 'APP_PACKAGE_DIR']) delete env[k];
  return { ...env, ...extra };
}

function runPackage(scriptRoot: string, env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(scriptRoot, 'scripts', 'package.js')], { cwd: scriptRoot, env: cleanEnv(env), encoding: 'utf8', timeout: 60000 });
}

describe('Teams app package', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'irm-apppkg-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  describe('manifest/manifest.json', () => {
    it('has exactly the placeholders the packaging script fills', () => {
      assert.deepStrictEqual([...manifestText.matchAll(/\$\{\{([A-Z0-9_]+)\}\}/g)].map((m) => m[1]).sort(), ['BOT_ID', 'TEAMS_APP_ID']);
    });

    it('is valid against the official Teams 1.22 schema once the placeholders hold GUIDs (offline)', async () => {
      const manifest = sampleManifest();
      assert.match(String(manifest.$schema), /\/teams\/v1\.22\/MicrosoftTeams\.schema\.json$/);
      assert.deepStrictEqual(await schemaErrors(manifest), []);
    });

    it('the validator really checks: a bad bot id and an 11th command are reported', async () => {
      const manifest = sampleManifest();
      manifest.bots[0].botId = 'not-a-guid';
      manifest.bots[0].commandLists[0].commands = Array.from({ length: 11 }, (_, i) => ({ title: `c${i}`, description: 'd' }));
      const errors = await schemaErrors(manifest);
      assert.ok(errors.some((e) => e.startsWith('/bots/0/botId')), errors.join('\n'));
      assert.ok(errors.some((e) => e.includes('/bots/0/commandLists/0/commands')), errors.join('\n'));
    });
  });

  describe('icons', () => {
    const icon = (name: string) => fs.readFileSync(path.join(repoRoot, 'manifest', name));

    it('color.png is 192×192 and outline.png is 32×32', () => {
      assert.deepStrictEqual([pngHeader(icon('color.png')).width, pngHeader(icon('color.png')).height], [192, 192]);
      assert.deepStrictEqual([pngHeader(icon('outline.png')).width, pngHeader(icon('outline.png')).height], [32, 32]);
    });

    it('color.png is a full-colour, opaque picture (not a single colour)', () => {
      const { rgba } = readPng(icon('color.png'));
      const colours = new Set<number>();
      for (let i = 0; i < rgba.length; i += 4) {
        assert.strictEqual(rgba[i + 3], 255, 'colour icon pixels are opaque');
        colours.add((rgba[i] << 16) | (rgba[i + 1] << 8) | rgba[i + 2]);
      }
      assert.ok(colours.size > 10, `only ${colours.size} colours`);
    });

    it('outline.png uses only white and transparent pixels, with a visible mark', () => {
      const { rgba } = readPng(icon('outline.png'));
      let opaque = 0;
      let transparent = 0;
      for (let i = 0; i < rgba.length; i += 4) {
        const a = rgba[i + 3];
        if (a === 0) transparent++;
        else {
          assert.deepStrictEqual([rgba[i], rgba[i + 1], rgba[i + 2]], [255, 255, 255], `pixel ${i / 4} is not white`);
          if (a === 255) opaque++;
        }
      }
      assert.ok(opaque >= 60, `${opaque} fully opaque pixels`);
      assert.ok(transparent >= 512, `${transparent} transparent pixels`);
    });

    it('the committed PNGs are what scripts/make-icons.js draws', () => {
      const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'make-icons.js'), '--check'], { encoding: 'utf8' });
      assert.strictEqual(r.status, 0, r.stderr);
    });
  });

  describe('node scripts/package.js', () => {
    it('writes a zip with manifest.json, color.png and outline.png at the root, filled and valid', async () => {
      const out = path.join(tmp, 'out');
      const r = runPackage(repoRoot, { MicrosoftAppId: SAMPLE_BOT_ID, TEAMS_APP_ID: SAMPLE_APP_ID, BOT_DOMAIN: 'https://irm-doctor-app.azurewebsites.net/', APP_PACKAGE_DIR: out });
      assert.strictEqual(r.status, 0, r.stderr);
      const zipPath = path.join(out, 'irm-doctor.zip');
      const entries = readZip(fs.readFileSync(zipPath));
      assert.deepStrictEqual([...entries.keys()].sort(), ['color.png', 'manifest.json', 'outline.png']);
      for (const icon of ['color.png', 'outline.png']) assert.ok(entries.get(icon)!.equals(fs.readFileSync(path.join(repoRoot, 'manifest', icon))), `${icon} copied as is`);
      const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
      assert.strictEqual(manifest.bots[0].botId, SAMPLE_BOT_ID);
      assert.strictEqual(manifest.id, SAMPLE_APP_ID);
      assert.strictEqual(manifest.version, JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
      assert.deepStrictEqual(manifest.validDomains, ['irm-doctor-app.azurewebsites.net']);
      assert.ok(!entries.get('manifest.json')!.toString('utf8').includes('${{'), 'no placeholder left');
      assert.deepStrictEqual(await schemaErrors(manifest), []);

      const unzip = spawnSync('unzip', ['-l', zipPath], { encoding: 'utf8' });
      if (unzip.error) return; // no unzip on this machine: the reader above has checked the archive
      assert.strictEqual(unzip.status, 0, unzip.stderr);
      for (const name of ['manifest.json', 'color.png', 'outline.png']) assert.match(unzip.stdout, new RegExp(`\\s${name.replace('.', '\\.')}\\n`));
    });

    it('takes BOT_ID too, and without TEAMS_APP_ID makes a fresh v4 UUID and prints it', () => {
      const out = path.join(tmp, 'fresh');
      const r = runPackage(repoRoot, { BOT_ID: SAMPLE_BOT_ID, APP_PACKAGE_DIR: out });
      assert.strictEqual(r.status, 0, r.stderr);
      const manifest = JSON.parse(readZip(fs.readFileSync(path.join(out, 'irm-doctor.zip'))).get('manifest.json')!.toString('utf8'));
      assert.match(manifest.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.ok(r.stdout.includes(`TEAMS_APP_ID=${manifest.id}`), r.stdout);
      assert.strictEqual(manifest.bots[0].botId, SAMPLE_BOT_ID);
    });

    it('without a bot id exits 2 with a message naming MicrosoftAppId, and writes nothing', () => {
      const out = path.join(tmp, 'noid');
      const r = runPackage(repoRoot, { APP_PACKAGE_DIR: out });
      assert.strictEqual(r.status, 2);
      assert.match(r.stderr, /bot id is missing: set MicrosoftAppId \(or BOT_ID\)/);
      assert.ok(!fs.existsSync(out));
    });

    it('rejects a bot id or a domain that is not one (exit 2)', () => {
      const bad = runPackage(repoRoot, { MicrosoftAppId: 'my-bot', APP_PACKAGE_DIR: path.join(tmp, 'bad') });
      assert.strictEqual(bad.status, 2);
      assert.match(bad.stderr, /must be a GUID/);
      const dom = runPackage(repoRoot, { MicrosoftAppId: SAMPLE_BOT_ID, BOT_DOMAIN: 'not a host', APP_PACKAGE_DIR: path.join(tmp, 'bad') });
      assert.strictEqual(dom.status, 2);
      assert.match(dom.stderr, /BOT_DOMAIN/);
    });

    it('refuses an invalid manifest: exit 1, the schema errors listed, no zip (an older one is removed)', () => {
      // A copy of the layout the script expects, with a manifest the schema rejects.
      const copy = path.join(tmp, 'copy');
      fs.mkdirSync(path.join(copy, 'manifest'), { recursive: true });
      fs.cpSync(path.join(repoRoot, 'scripts'), path.join(copy, 'scripts'), { recursive: true });
      fs.copyFileSync(path.join(repoRoot, 'package.json'), path.join(copy, 'package.json'));
      fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
      for (const icon of ['color.png', 'outline.png']) fs.copyFileSync(path.join(repoRoot, 'manifest', icon), path.join(copy, 'manifest', icon));
      const broken = JSON.parse(manifestText);
      broken.name.short = 'A short name far longer than the thirty characters Teams allows';
      fs.writeFileSync(path.join(copy, 'manifest', 'manifest.json'), JSON.stringify(broken));
      const out = path.join(copy, 'out');
      fs.mkdirSync(out);
      fs.writeFileSync(path.join(out, 'irm-doctor.zip'), 'stale');
      const r = runPackage(copy, { MicrosoftAppId: SAMPLE_BOT_ID, APP_PACKAGE_DIR: out });
      assert.strictEqual(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /invalid; nothing written/);
      assert.match(r.stderr, /\/name\/short/);
      assert.ok(!fs.existsSync(path.join(out, 'irm-doctor.zip')));
    });
  });
});
