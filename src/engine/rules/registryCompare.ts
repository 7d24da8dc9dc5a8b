// Seed steps 4b/6: "different Exchange servers may have different registry settings - all servers should
// have the same settings". Compares every setting across servers and names the odd one out (the server
// whose value differs from the majority), with the commands to bring it in line with the documented form.
import { purgeAndToggleIrm, regAddMsdrm, regAddRedirection, regDeleteValue, tenantHint } from '../fixes';
import { EXPECTED, versionOfPath } from '../parsers/registryKeys';
import type { ExpectedKey } from '../parsers/registryKeys';
import { cleanUrl } from '../urls';
import { defaultValue, fixCtx, showValue } from './registryModel';
import type { Env, Issue, ServerAnalysis } from './registryModel';

const LABEL: Record<ExpectedKey | 'version', string> = {
  activation: 'MSDRM Activation',
  publishing: 'MSDRM EnterprisePublishing',
  CertificationServerRedirection: 'CertificationServerRedirection',
  LicenseServerRedirection: 'LicenseServerRedirection',
  version: 'ExchangeServer version key (v14/v15)',
};

interface Setting {
  key: string;
  show: string;
}

function settingsOf(a: ServerAnalysis): Map<ExpectedKey | 'version', Setting> {
  const out = new Map<ExpectedKey | 'version', Setting>();
  for (const w of EXPECTED) {
    const st = a.states[w];
    if (st.state === 'missing') out.set(w, { key: 'missing', show: 'key missing' });
    if (st.state !== 'present' || !st.key) continue;
    if (w === 'activation' || w === 'publishing') {
      const dv = defaultValue(st.key);
      const show = dv ? cleanUrl(dv.data) : '(Default) not set';
      out.set(w, { key: show.toLowerCase(), show });
    } else {
      const shows = st.key.values.map(showValue).sort();
      out.set(w, { key: shows.join('\n').toLowerCase(), show: shows.length ? shows.join('; ') : 'no values' });
    }
  }
  const versions = [...new Set(a.server.keys.map((k) => (/Redirection$/i.test(k.path) ? versionOfPath(k.path) : undefined)).filter(Boolean))].sort();
  if (versions.length) out.set('version', { key: versions.join('+'), show: versions.join(' and ') });
  return out;
}

export interface Attributed {
  issue: Issue;
  /** The server the issue is about; none for a difference without a majority. */
  server?: string;
}

function fixFor(a: ServerAnalysis, diffs: { what: ExpectedKey | 'version'; majority: ServerAnalysis }[], env: Env): string[] {
  const ctx = fixCtx(env, a.version);
  const out: string[] = [...tenantHint(ctx)];
  let msdrm = false;
  for (const d of diffs) {
    if (d.what === 'activation' || d.what === 'publishing') {
      out.push(regAddMsdrm(d.what === 'activation' ? 'Activation' : 'EnterprisePublishing', ctx));
      msdrm = true;
    } else if (d.what !== 'version') {
      const st = a.states[d.what];
      const keep = new Set((d.majority.states[d.what].key?.values ?? []).map((v) => (v.name ?? '').toLowerCase()));
      for (const v of st.key?.values ?? []) if (!keep.has((v.name ?? '').toLowerCase())) out.push(regDeleteValue(st.path, v.name));
      out.push(regAddRedirection(d.what, ctx));
    }
  }
  if (msdrm) out.push(...purgeAndToggleIrm());
  return out;
}

export function compareServers(analyses: ServerAnalysis[], env: Env): Attributed[] {
  const exchange = analyses.filter((a) => a.role === 'exchange');
  if (exchange.length < 2) return [];
  const memo = new Map<string, Map<ExpectedKey | 'version', Setting>>();
  const settings = exchange.map((a) => {
    if (a.contentKey === undefined) return settingsOf(a);
    const seen = memo.get(a.contentKey) ?? settingsOf(a);
    memo.set(a.contentKey, seen);
    return seen;
  });
  const odd = new Map<ServerAnalysis, { what: ExpectedKey | 'version'; mine: string; theirs: string; majority: ServerAnalysis }[]>();
  const ties: string[] = [];
  for (const what of [...EXPECTED, 'version'] as const) {
    const groups = new Map<string, number[]>();
    settings.forEach((s, i) => {
      const v = s.get(what);
      if (!v) return;
      const g = groups.get(v.key) ?? [];
      g.push(i);
      groups.set(v.key, g);
    });
    if (groups.size < 2) continue;
    const sorted = [...groups.values()].sort((x, y) => y.length - x.length);
    const top = sorted[0]!;
    if (top.length === sorted[1]!.length) {
      ties.push(`${LABEL[what]}: ${sorted.map((g) => `${g.map((i) => exchange[i]!.server.name).join(', ')} ${g.length > 1 ? 'have' : 'has'} ${settings[g[0]!]!.get(what)!.show}`).join('; ')}`);
      continue;
    }
    const theirs = settings[top[0]!]!.get(what)!.show;
    for (const g of sorted.slice(1)) {
      for (const i of g) {
        const list = odd.get(exchange[i]!) ?? [];
        list.push({ what, mine: settings[i]!.get(what)!.show, theirs, majority: exchange[top[0]!]! });
        odd.set(exchange[i]!, list);
      }
    }
  }
  const out: Attributed[] = [];
  for (const [a, diffs] of odd) {
    out.push({
      server: a.server.name,
      issue: {
        id: 'registry.servers-differ',
        severity: 'problem',
        summary: `registry differs from most servers in: ${diffs.map((d) => LABEL[d.what]).join(', ')}.`,
        detail: `${diffs.map((d) => `${LABEL[d.what]}: this server has ${d.mine}; most servers have ${d.theirs}.`).join(' ')} All Exchange servers should have the same settings (seed step 4b/6): a server that differs gets other RMS certificates or skips the connector.`,
        seedStep: 'A6',
        fix: fixFor(a, diffs, env),
      },
    });
  }
  if (ties.length) {
    out.push({
      issue: {
        id: 'registry.servers-differ',
        severity: 'problem',
        summary: `The servers have different registry settings (no majority to compare against): ${ties.join(' | ')}.`,
        detail: 'All Exchange servers should have the same settings (seed step 4b/6). The per-server findings say which values are wrong.',
        seedStep: 'A6',
        fix: null,
      },
    });
  }
  return out;
}
