#!/usr/bin/env node
// `npm run report`: where troubleshooting cases end, per flow step: resolved, escalated (the flow's
// support-ticket outcome or a helpdesk ticket), abandoned (cancelled or restarted away from, or open
// and idle for more than --idle-days), and still open. Reads the local SQLite store under DATA_DIR
// (the `records` table), or a TELEMETRY_RECORD_FILE of JSON lines with --telemetry. Prints a
// Markdown table (or JSON with --json). Nothing personal is printed: node ids, titles and counts.
'use strict';
const fs = require('fs');
const path = require('path');

const USAGE = `Usage: npm run report -- [--data-dir <dir>] [--telemetry <file.jsonl>] [--idle-days <n>] [--json]
  --data-dir   folder of irm-doctor.sqlite (default: DATA_DIR or ./data)
  --telemetry  read a TELEMETRY_RECORD_FILE (JSON lines) instead of the store
  --idle-days  an open case idle this long counts as abandoned (default 7)
  --json       print the rows as JSON`;

function parseArgs(argv) {
  const opts = { dataDir: process.env.DATA_DIR || './data', telemetry: '', idleDays: 7, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--data-dir') opts.dataDir = value();
    else if (a === '--telemetry') opts.telemetry = value();
    else if (a === '--idle-days') opts.idleDays = Number(value());
    else if (a === '--json') opts.json = true;
    else if (a === '--help' || a === '-h') opts.help = true;
    else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isFinite(opts.idleDays) || opts.idleDays < 0) throw new Error('--idle-days must be a number of days');
  return opts;
}

/**
 * The flow as the bot runs it, from the build (a deployed bot has dist/ only): flow.json writes the
 * steps both symptoms share once, and the loader makes each branch's nodes from them.
 */
function loadFlow() {
  const file = path.join(__dirname, '../dist/src/engine/flow/loadFlow.js');
  if (!fs.existsSync(file)) throw new Error('the built flow was not found (run npm run build)');
  return require(file).FLOW;
}

const COLUMNS = ['resolved', 'escalated', 'abandoned', 'notConnector', 'open'];

/** Counts per node id, from the stored cases (and tickets, for helpdesk escalations). */
function fromStore(dataDir, idleDays, now) {
  const file = path.join(dataDir, 'irm-doctor.sqlite');
  if (!fs.existsSync(file)) throw new Error(`no store at ${file} (set --data-dir or DATA_DIR)`);
  const Database = require('better-sqlite3');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const read = (collection) => db.prepare('SELECT value FROM records WHERE collection = ?').all(collection).map((r) => {
      try {
        return JSON.parse(r.value);
      } catch {
        return null;
      }
    }).filter((v) => v && typeof v === 'object');
    const ticketed = new Set(read('tickets').filter((t) => typeof t.caseId === 'string').map((t) => t.caseId));
    const idleMs = idleDays * 24 * 60 * 60 * 1000;
    const ends = [];
    for (const c of read('cases')) {
      if (typeof c.status !== 'string' || !Array.isArray(c.steps)) continue;
      const last = c.steps[c.steps.length - 1];
      // A closed case ended at the step whose answer or paste closed it; anything else is where it stands.
      const closedAt = last && typeof last.nodeId === 'string' ? last.nodeId : c.nodeId;
      if (c.status === 'resolved') ends.push({ nodeId: closedAt, what: 'resolved' });
      else if (c.status === 'escalate') ends.push({ nodeId: closedAt, what: 'escalated' });
      else if (c.status === 'not-connector') ends.push({ nodeId: closedAt, what: 'notConnector' });
      else if (c.status === 'cancelled') ends.push({ nodeId: c.nodeId, what: 'abandoned' });
      else if (c.status === 'open') {
        const idle = now - Date.parse(c.updatedAt) > idleMs;
        ends.push({ nodeId: c.nodeId, what: ticketed.has(c.id) ? 'escalated' : idle ? 'abandoned' : 'open' });
      }
    }
    return { source: file, cases: ends.length, ends };
  } finally {
    db.close();
  }
}

/** Counts per node id, from recorded telemetry events (case.resolved / case.escalated / case.abandoned / case.outcome). */
function fromTelemetry(file) {
  const names = { 'case.resolved': 'resolved', 'case.escalated': 'escalated', 'case.abandoned': 'abandoned', 'case.outcome': 'notConnector' };
  const ends = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let item;
    try {
      item = JSON.parse(line);
    } catch {
      continue;
    }
    const what = item && item.type === 'event' ? names[item.name] : undefined;
    if (what) ends.push({ nodeId: (item.props && item.props.nodeId) || null, what });
  }
  return { source: file, cases: ends.length, ends };
}

function tabulate(flow, ends) {
  const order = new Map(flow.nodes.map((n, i) => [n.id, i]));
  const rows = new Map();
  for (const e of ends) {
    const key = e.nodeId || '';
    if (!rows.has(key)) {
      const node = flow.nodes.find((n) => n.id === key);
      rows.set(key, { nodeId: key || '(no symptom chosen)', seedStep: node ? node.seedStep : '', title: node ? node.title : '', resolved: 0, escalated: 0, abandoned: 0, notConnector: 0, open: 0 });
    }
    rows.get(key)[e.what]++;
  }
  const rank = (r) => (order.has(r.nodeId) ? order.get(r.nodeId) : -1);
  return [...rows.values()].sort((a, b) => rank(a) - rank(b));
}

function markdown(rows, header) {
  const cell = (s) => String(s).replace(/\|/g, '\\|');
  const lines = [header, '', '| Step | Node | Title | Resolved | Escalated | Abandoned | Not the connector | Open |', '|---|---|---|---:|---:|---:|---:|---:|'];
  for (const r of rows) lines.push(`| ${cell(r.seedStep)} | ${cell(r.nodeId)} | ${cell(r.title)} | ${r.resolved} | ${r.escalated} | ${r.abandoned} | ${r.notConnector} | ${r.open} |`);
  const total = (k) => rows.reduce((n, r) => n + r[k], 0);
  lines.push(`| **All** | | | ${total('resolved')} | ${total('escalated')} | ${total('abandoned')} | ${total('notConnector')} | ${total('open')} |`);
  return lines.join('\n');
}

function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    process.exit(2);
  }
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  try {
    const flow = loadFlow();
    const data = opts.telemetry ? fromTelemetry(opts.telemetry) : fromStore(opts.dataDir, opts.idleDays, Date.now());
    const rows = tabulate(flow, data.ends);
    if (opts.json) {
      console.log(JSON.stringify({ source: data.source, cases: data.cases, columns: COLUMNS, rows }, null, 2));
      return;
    }
    const abandoned = opts.telemetry ? 'cancelled or restarted' : `cancelled, or open and idle for more than ${opts.idleDays} days`;
    const counted = opts.telemetry ? `${data.cases} ending event(s)` : `${data.cases} case(s)`;
    console.log(markdown(rows, `Where IRM Doctor cases ended: ${counted} from ${path.basename(data.source)}; abandoned = ${abandoned}.`));
  } catch (e) {
    console.error(`report: ${e.message}`);
    process.exit(1);
  }
}

main();
