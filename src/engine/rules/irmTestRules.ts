// Judges a Test-IRMConfiguration run (facts.md §b). WARNING is never success: a failing step prints as
// WARNING when IRM is switched off (§b.3), so a broken connector path can hide behind it.
import { ASK_MAILBOX, CONNECTOR_VAR, joinFix, purgeAndToggleIrm, regAddRedirection, setIrm, tenantHint, versionKeyOf } from '../fixes';
import { placeholderKind, realValue } from '../placeholders';
import type { IrmTestFacts, IrmTestStep } from '../parsers/irmTest';
import type { CaseContext, Finding } from '../types';
import { hostOf, isAzureRmsHost, originOf } from '../urls';

export const IRM_TEST_FINDING_IDS = [
  'irmtest.passed',
  'irmtest.irm-disabled',
  'irmtest.warning',
  'irmtest.failed',
  'irmtest.redirection-not-applied',
  'irmtest.uses-connector',
  'irmtest.uri-not-connector',
  'irmtest.connector-unreachable',
  'irmtest.connector-tls',
  'irmtest.use-license-failed',
  'irmtest.prelicense-failed',
  'irmtest.rms-version-mismatch',
  'irmtest.no-overall',
  'irmtest.exchange-online',
  'irmtest.sender-prompt',
  'irmtest.unrecognized-output',
] as const;

const IRM_OFF = /internal ?licensing|IRM (?:is|has been) (?:disabled|not enabled|turned off|switched off)|licensing is (?:disabled|not enabled)/i;
const VERSION = /doesn'?t meet the version requirements|does not meet the version requirements|RmsVersionMismatch/i;
const TLS = /could not establish trust relationship|remote certificate is invalid|SSL\/TLS|revocation (?:server was offline|function was unable)|certificate chain/i;
const UNREACHABLE = /unable to connect to the remote server|remote name could not be resolved|timed out|timeout|actively refused|no such host|\(404\)|\(503\)|service unavailable|proxy/i;

// Only a real mailbox goes into a command: a doc sample (admin@contoso.com) or a masked one is asked for instead.
const mailbox = (f: IrmTestFacts, ctx: CaseContext): string =>
  realValue(ctx.testSender) ?? realValue(f.sender) ?? realValue(f.recipients[0]) ?? ASK_MAILBOX;
const printedUris = (f: IrmTestFacts): string[] =>
  [f.certificationUri, f.publishingUri, ...f.licensingUris].filter((u): u is string => !!u);
const isAzure = (u: string): boolean => isAzureRmsHost(hostOf(u));

/** Where Exchange sends its requests: the printed (already redirected) URIs that are not Azure RMS. */
function connectorFrom(f: IrmTestFacts, ctx: CaseContext): string {
  const own = printedUris(f).find((u) => !isAzure(u));
  return realValue(own ? originOf(own) : undefined) ?? ctx.connectorUrl ?? CONNECTOR_VAR;
}

export function probeCommands(connector: string): string {
  return joinFix([
    '# On this Exchange server (an HTTP 401 answer means the connector is reachable; no answer means DNS, network or load balancer):',
    `Invoke-WebRequest -UseBasicParsing -Uri "${connector}/_wmcs/certification/servercertification.asmx"`,
  ]);
}

function textOf(f: IrmTestFacts, s: IrmTestStep): string {
  const ex = f.exception !== null && (f.exceptionStep === null || f.steps[f.exceptionStep] === s) ? ` ${f.exception}` : '';
  return `${s.task} ${s.message}${ex}`;
}

function stepName(s: IrmTestStep): string {
  return s.task ? `"${s.task.replace(/\s*(\.\.\.|…)\)?$/, '')}"` : 'the last check';
}

/** Findings that say *why* a step failed, for FAIL and WARNING steps alike. */
function classify(f: IrmTestFacts, s: IrmTestStep, ctx: CaseContext): Finding[] {
  // The "IRM is off" warning is added after the last step and reuses its task line: it says nothing about that step.
  if (IRM_OFF.test(s.message)) return [];
  const text = textOf(f, s);
  const where = `${stepName(s)} ${s.result === 'FAIL' ? 'failed' : 'gave a WARNING'}: ${s.message}`.slice(0, 600);
  const connector = connectorFrom(f, ctx);
  if (VERSION.test(text)) {
    return [{
      id: 'irmtest.rms-version-mismatch', severity: 'problem', seedStep: 'A8c', summary: where,
      detail: 'Exchange judged the RMS server too old. With Azure RMS this means the Exchange build or the MSDRM client on this server is too old ' +
        '(Exchange 2010 needs SP3 RU6 or later; Windows Server 2008/2008 R2 need the Cryptographic Mode 2 hotfix) or the URL is not the one the registry should redirect.',
      fix: joinFix(['Get-ExchangeServer | Format-Table Name, AdminDisplayVersion', '(Get-Item "$env:windir\\System32\\msdrm.dll").VersionInfo.FileVersion']),
    }];
  }
  if (TLS.test(text)) {
    return [{
      id: 'irmtest.connector-tls', severity: 'problem', seedStep: /revocation/i.test(text) ? 'A8a' : 'A8b', summary: where,
      detail: "The Exchange server does not trust the connector's TLS certificate, or cannot check whether it was revoked (CRL not reachable).",
      fix: probeCommands(connector),
    }];
  }
  if (/^Verifying RMS version/i.test(s.task) || UNREACHABLE.test(text)) {
    return [{
      id: 'irmtest.connector-unreachable', severity: 'problem', seedStep: 'A5', summary: where,
      detail: `Exchange could not talk to ${hostOf(connector) ?? 'the RMS server'}. Usually DNS, the load balancer, a firewall or a proxy.`,
      fix: probeCommands(connector),
    }];
  }
  if (/use license/i.test(text)) {
    return [{
      id: 'irmtest.use-license-failed', severity: 'problem', seedStep: 'A5', summary: 'Exchange could not get a use license (it cannot decrypt).',
      detail: 'Exchange needs super-user rights. With the connector, the Exchange servers must be authorised in the RMS connector administration tool ' +
        '(as a group, with the Exchange Server role; event 2001 on the connector says they are not). If the FederatedEmail mailbox was deleted and ' +
        're-created, Exchange keeps using a cached certificate: clear the DRM cache (KB2805976). Group membership must also have replicated (step A7).',
      fix: joinFix(['# First check the authorisations in the RMS connector administration tool (Exchange Servers group, role Exchange Server).',
        '# If they are right, clear the cached certificates:', ...purgeAndToggleIrm()]),
    }];
  }
  if (/prelicense/i.test(text)) {
    return [{
      id: 'irmtest.prelicense-failed', severity: 'problem', seedStep: 'A7', summary: where,
      detail: "Check that the recipient and their groups have replicated to Microsoft Entra ID and that they have rights on the template.",
      fix: null,
    }];
  }
  return [];
}

function uriRules(f: IrmTestFacts, ctx: CaseContext): Finding[] {
  const uris = printedUris(f);
  if (uris.length === 0) return [];
  const azure = uris.filter(isAzure);
  if (azure.length > 0) {
    const tenant = originOf(azure[0]!);
    const c: CaseContext = { ...ctx, tenantUrl: ctx.tenantUrl ?? tenant };
    return [{
      id: 'irmtest.redirection-not-applied', severity: 'problem', seedStep: 'A5',
      summary: `Exchange goes straight to Azure RMS (${[...new Set(azure.map((u) => hostOf(u)))].join(', ')}), not to the RMS connector` +
        (f.overall === 'PASS' ? ', so this PASS says nothing about the connector.' : '.'),
      detail: 'Test-IRMConfiguration prints the URIs after the registry redirection. An Azure RMS host here means the CertificationServerRedirection / ' +
        'LicenseServerRedirection keys are missing on this server, or their value names do not match the tenant URL.',
      fix: joinFix([...tenantHint(c),
        ...(c.connectorUrl ? [] : ['# Connector URL: the load-balanced name of your RMS connector (https:// only if TLS is configured on it).']),
        regAddRedirection('CertificationServerRedirection', c), regAddRedirection('LicenseServerRedirection', c)]),
    }];
  }
  const conn = ctx.connectorUrl ? originOf(ctx.connectorUrl) : undefined;
  const hosts = [...new Set(uris.map((u) => hostOf(u)))].join(', ');
  if (conn && uris.some((u) => originOf(u) !== conn)) {
    return [{
      id: 'irmtest.uri-not-connector', severity: 'warning', seedStep: 'A5',
      summary: `Exchange sends its RMS requests to ${hosts}, not to your connector ${hostOf(conn)}.`,
      detail: 'This may be an AD RMS cluster left over from a migration, or one connector node instead of the load-balanced name.',
      fix: `reg query "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\${versionKeyOf(ctx)}\\IRM" /s`,
    }];
  }
  return [{
    id: 'irmtest.uses-connector', severity: 'info', seedStep: 'A3',
    summary: `Exchange sends its RMS requests to ${hosts}, not straight to Azure RMS: the redirection to the connector is in effect.`,
    fix: null,
  }];
}

export function irmTestRules(f: IrmTestFacts, ctx: CaseContext): Finding[] {
  if (f.environment === 'exchange-online') return [];
  if (f.senderPrompt && f.steps.length === 0 && !f.overallPrinted) {
    return [{
      id: 'irmtest.sender-prompt', severity: 'info', seedStep: 'A3',
      summary: 'Test-IRMConfiguration stopped to ask for -Sender, so no test ran.',
      detail: '-Sender is mandatory: give a mailbox of your organisation (it is also used as the recipient when -Recipient is left out).',
      fix: `Test-IRMConfiguration -Sender ${mailbox(f, ctx)}`,
    }];
  }
  const out: Finding[] = [];
  const fails = f.steps.filter((s) => s.result === 'FAIL');
  const warnings = f.steps.filter((s) => s.result === 'WARNING');
  for (const s of [...fails, ...warnings]) out.push(...classify(f, s, ctx));
  if (fails.length > 0) {
    const s = fails[0]!;
    out.push({
      id: 'irmtest.failed', severity: 'problem', seedStep: 'A3',
      summary: `Test-IRMConfiguration failed at ${stepName(s)}: ${s.message}`.slice(0, 700),
      detail: f.exception ? `Exception: ${f.exception.split('\n')[0]!.slice(0, 400)}` : undefined,
      fix: null,
    });
  }
  if (warnings.length > 0) {
    const irmOff = ctx.internalLicensingEnabled === false || warnings.some((s) => IRM_OFF.test(s.message));
    const s = warnings[0]!;
    out.push(irmOff
      ? {
        id: 'irmtest.irm-disabled', severity: 'problem', seedStep: 'A4a',
        summary: 'IRM is switched off (InternalLicensingEnabled is False), so the test only reports WARNING.',
        detail: 'With IRM off, failing steps print as WARNING instead of FAIL, so the result says little about the connector. Enable IRM first, then re-test.',
        fix: joinFix([setIrm('InternalLicensingEnabled', '$true -Force'), `Test-IRMConfiguration -Sender ${mailbox(f, ctx)}`]),
      }
      : {
        id: 'irmtest.warning', severity: 'warning', seedStep: 'A3',
        summary: `Test-IRMConfiguration gave a WARNING at ${stepName(s)}: ${s.message}`.slice(0, 700),
        detail: 'A WARNING is not a pass: a step prints WARNING instead of FAIL when the feature it protects is switched off. Check InternalLicensingEnabled ' +
          'and the other IRM settings.',
        fix: 'Get-IRMConfiguration | fl',
      });
  }
  out.push(...uriRules(f, ctx));
  if (!f.overallPrinted && f.steps.length > 0) {
    out.push({
      id: 'irmtest.no-overall', severity: 'info', seedStep: 'A3',
      summary: f.overall
        ? `The output has no OVERALL RESULT line; judged from the steps it is ${f.overall}.`
        : 'The output has no OVERALL RESULT line, so it may be cut off: without it a run is not counted as a pass.',
      fix: f.overall ? null : `Test-IRMConfiguration -Sender ${mailbox(f, ctx)}`,
    });
  }
  // A pass that bypassed the connector (Azure RMS URIs) does not show that this server can use the connector.
  const bypassed = out.some((x) => x.id === 'irmtest.redirection-not-applied');
  if (f.overallPrinted && f.overall === 'PASS' && fails.length === 0 && warnings.length === 0 && f.unrecognized.length === 0 && !bypassed) {
    out.push({ id: 'irmtest.passed', severity: 'info', seedStep: 'A3', summary: 'Test-IRMConfiguration passed (OVERALL RESULT: PASS).', fix: null });
  }
  return out;
}

export function irmTestContribute(f: IrmTestFacts): Partial<CaseContext> {
  const out: Partial<CaseContext> = {};
  if (f.environment !== 'on-premises') return out;
  for (const u of printedUris(f)) {
    const origin = originOf(u);
    if (!origin) continue;
    if (placeholderKind(origin)) continue;
    if (isAzure(u)) out.tenantUrl ??= origin;
    else out.connectorUrl ??= origin;
  }
  const sender = realValue(f.sender ?? f.recipients[0]);
  if (sender && sender.indexOf('@') > 0) out.testSender = sender;
  return out;
}

export function irmTestNext(f: IrmTestFacts, findings: Finding[], ctx: CaseContext): string {
  const has = (id: string): boolean => findings.some((x) => x.id === id);
  const who = mailbox(f, ctx);
  // In words, an unknown mailbox is described, not asked for with Read-Host.
  const test = `Test-IRMConfiguration -Sender ${who === ASK_MAILBOX ? 'followed by a mailbox of this organisation' : who}`;
  if (has('irmtest.sender-prompt')) return `Run ${test} (a mailbox in your organisation) and paste the whole output.`;
  if (has('irmtest.exchange-online')) {
    return `This ran in Exchange Online. The connector serves on-premises Exchange: run ${test} in the on-premises Exchange Management Shell and paste that.`;
  }
  if (has('irmtest.unrecognized-output')) return `Paste the complete output of ${test}, from "Results :" to the OVERALL RESULT line.`;
  if (has('irmtest.irm-disabled')) return `Enable IRM with the command shown, then run ${test} again and paste the output.`;
  if (has('irmtest.connector-unreachable') || has('irmtest.connector-tls')) {
    return `From this Exchange server, probe the connector URL (${connectorFrom(f, ctx)}/_wmcs/certification/servercertification.asmx) with the command shown and paste the result.`;
  }
  if (has('irmtest.rms-version-mismatch')) return 'Paste Get-ExchangeServer | Format-Table Name, AdminDisplayVersion so the Exchange build can be checked.';
  if (has('irmtest.redirection-not-applied')) {
    return `Add the redirection keys shown on every Exchange server, then run ${test} again: the Certification Uri should show the connector.`;
  }
  if (has('irmtest.use-license-failed')) {
    return 'On each RMS connector server, look for event 2001 in the Application log (source Microsoft RMS connector) and paste the connector events.';
  }
  if (has('irmtest.failed') || has('irmtest.warning') || has('irmtest.prelicense-failed')) {
    return 'Check the Exchange IRM settings: run Get-IRMConfiguration | fl and paste the output.';
  }
  if (has('irmtest.passed')) {
    return 'Test-IRMConfiguration passes. If only some servers or users have trouble, compare the registry on each Exchange server ' +
      `(reg query "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\${versionKeyOf(ctx)}\\IRM" /s) and check how each server is authorised on the connector.`;
  }
  return `Run ${test} again and paste the whole output, including the OVERALL RESULT line.`;
}
