#!/usr/bin/env node
// `npm run package`: the Teams app package to upload in the Teams admin center or with
// Teams' "Upload a custom app": dist/appPackage/irm-doctor.zip holding manifest.json, color.png and
// outline.png at the root. It fills the manifest's placeholders, validates the result offline
// against the official schema bundled in @microsoft/app-manifest, and writes nothing when it fails.
//
// Environment:
//   MicrosoftAppId (or BOT_ID)  required: the bot's app id (for UserAssignedMSI, the managed
//                               identity's client id; `appId` output of deploy/main.bicep)
//   TEAMS_APP_ID                the Teams app id; default a fresh v4 UUID, printed: reuse it for
//                               later packages so Teams updates the app instead of adding another
//   BOT_DOMAIN                  host of the web app (e.g. irm-doctor-app-xyz.azurewebsites.net),
//                               put in validDomains
//   APP_PACKAGE_DIR             output folder (default dist/appPackage)
// Exit status: 0 written, 1 invalid manifest or icons (nothing written), 2 missing or bad setting.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { createZip } = require('./lib/zip');

const root = path.join(__dirname, '..');
const manifestDir = path.join(root, 'manifest');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?=.{1,253}$)(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const ICONS = { 'color.png': 192, 'outline.png': 32 };

class UsageError extends Error {}

/** Fills every ${{NAME}} placeholder of the manifest text; an unknown one is an error. */
function fill(text, values) {
  return text.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (_, name) => {
    if (!(name in values)) throw new UsageError(`manifest/manifest.json uses \${{${name}}}, which scripts/package.js does not know.`);
    return values[name];
  });
}

/** The host of BOT_DOMAIN, tolerating a scheme, a path or a trailing slash. */
function domain(raw) {
  const host = raw.trim().replace(/^https?:\/\//i, '').replace(/[/?#].*$/, '').toLowerCase();
  if (!HOST.test(host)) throw new UsageError(`BOT_DOMAIN must be a host name such as irm-doctor-app.azurewebsites.net (got "${raw}").`);
  return host;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf) {
  if (buf.length < 24 || buf.toString('ascii', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

function settings(env) {
  const botId = (env.MicrosoftAppId || env.BOT_ID || '').trim();
  if (!botId) {
    throw new UsageError(
      'The bot id is missing: set MicrosoftAppId (or BOT_ID) to the bot\'s app id, for a UserAssignedMSI bot the managed ' +
        'identity\'s client id (the appId output of deploy/main.bicep), e.g. MicrosoftAppId=<client id> npm run package',
    );
  }
  if (!GUID.test(botId)) throw new UsageError(`MicrosoftAppId/BOT_ID must be a GUID (got "${botId}").`);
  let teamsAppId = (env.TEAMS_APP_ID || '').trim();
  let generated = false;
  if (!teamsAppId) {
    teamsAppId = crypto.randomUUID();
    generated = true;
  } else if (!GUID.test(teamsAppId)) throw new UsageError(`TEAMS_APP_ID must be a GUID (got "${teamsAppId}").`);
  const botDomain = (env.BOT_DOMAIN || '').trim() ? domain(env.BOT_DOMAIN) : null;
  const outDir = path.resolve(root, (env.APP_PACKAGE_DIR || '').trim() || path.join('dist', 'appPackage'));
  return { botId, teamsAppId, generated, botDomain, outDir };
}

/** The bundled schema for the manifest's version, so validation never goes to the network. */
function bundledSchema(manifestVersion) {
  const pkgDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(pkgDir, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  if (!fs.existsSync(file)) throw new Error(`@microsoft/app-manifest has no schema for manifest version ${manifestVersion}.`);
  // The same clean-up the library applies to the schema files it loads itself.
  return JSON.parse(fs.readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b'));
}

/** Schema errors of a manifest object ([] when valid). */
async function validate(manifest) {
  const { AppManifestUtils } = require('@microsoft/app-manifest');
  return AppManifestUtils.validateAgainstSchema(manifest, bundledSchema(manifest.manifestVersion));
}

async function main(env) {
  const s = settings(env);
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  const manifest = JSON.parse(fill(fs.readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8'), { TEAMS_APP_ID: s.teamsAppId, BOT_ID: s.botId }));
  manifest.version = version;
  if (s.botDomain) manifest.validDomains = [...new Set([...(manifest.validDomains || []), s.botDomain])];

  const problems = (await validate(manifest)).map((e) => `manifest: ${e}`);
  const icons = {};
  for (const [file, size] of Object.entries(ICONS)) {
    try {
      icons[file] = fs.readFileSync(path.join(manifestDir, file));
      const { width, height } = pngSize(icons[file]);
      if (width !== size || height !== size) problems.push(`manifest/${file} is ${width}×${height}; Teams needs ${size}×${size}.`);
    } catch (e) {
      problems.push(`manifest/${file}: ${e.message}`);
    }
  }
  const zipPath = path.join(s.outDir, 'irm-doctor.zip');
  if (problems.length) {
    fs.rmSync(zipPath, { force: true }); // never leave an older package looking like this run's
    console.error(`The Teams app package is invalid; nothing written:\n  ${problems.join('\n  ')}`);
    return 1;
  }
  const zip = createZip([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8') },
    { name: 'color.png', data: icons['color.png'] },
    { name: 'outline.png', data: icons['outline.png'] },
  ]);
  fs.mkdirSync(s.outDir, { recursive: true });
  fs.writeFileSync(zipPath, zip);
  if (s.generated) {
    console.log(`TEAMS_APP_ID was not set: generated ${s.teamsAppId}. Set TEAMS_APP_ID=${s.teamsAppId} for later packages so Teams updates this app instead of adding a second one.`);
  }
  console.log(`Wrote ${path.relative(process.cwd(), zipPath) || zipPath} (Teams app ${s.teamsAppId}, bot ${s.botId}, version ${version}${s.botDomain ? `, domain ${s.botDomain}` : ''}).`);
  console.log('Upload it in the Teams admin center (Teams apps > Manage apps > Upload new app) or in Teams (Apps > Manage your apps > Upload an app).');
  return 0;
}

if (require.main === module) {
  main(process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      console.error(e instanceof UsageError ? e.message : `package failed: ${e && e.stack ? e.stack : e}`);
      process.exitCode = e instanceof UsageError ? 2 : 1;
    },
  );
}

module.exports = { fill, domain, pngSize, validate };
