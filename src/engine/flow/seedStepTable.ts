// Every step of the seed article (shared/seed/rms-connector-exchange.md), in article order, with its
// wording (typos kept: the table documents what the article says, the nodes say what we do instead).
// The flow must implement each one; docs/flow.md prints which nodes do.
import type { Flow } from './flowTypes';

export interface SeedStepEntry {
  step: string;
  text: string;
}

export const SEED_STEPS: readonly SeedStepEntry[] = [
  { step: 'P1', text: 'Recommended step 1: ensure you meet the prerequisites to configure an Exchange server to use the connector.' },
  { step: 'P2', text: 'Recommended step 2: check the registry settings are defined correctly for your specific Exchange Server version (Exchange 2013 and 2016 / Exchange 2010).' },

  { step: 'A1', text: 'Is user able to open email in Outlook? If no, it is not a connector issue. Navigate to Office or Microsoft RMS support queues and create a ticket.' },
  { step: 'A2', text: 'Is this specific to one user or a specific piece of content? If yes, go to #7.' },
  { step: 'A3', text: 'In Exchange, use Test-IRMConfiguration. If it works, go to #6.' },
  { step: 'A4', text: 'Check Exchange configuration with: (a) Get-IRMConfiguration, (b) the registry.' },
  {
    step: 'A4a',
    text:
      'Get-IRM configuration. Check that it is: InternalLicensingEnabled True, ExternalLicensingEnabled False, JournalReportDecryptionEnabled True/False, ' +
      'ClientAccessServerEnabled True, SearchEnabled True/False, TransportDecryptionSetting Any, EDiscoverySuperUserEnabled True, ' +
      'ServiceLocation/PublishingLocation/LicensingLocation MicrosoftRMSUrl. If either value is wrong, correct it via Set-IRMConfiguration.',
  },
  {
    step: 'A4b',
    text:
      'If the Locations are wrong, fix HKLM\\Software\\Microsoft\\MSDRM\\ServiceLocation\\Activation (Default) = "https://MicrosoftRMSURL/_wmcs/certification". ' +
      'Purge certificates in the Exchange DRM folder in each Exchange server, then disable and re-enable IRM. All servers should have the same settings.',
  },
  {
    step: 'A5',
    text:
      'Check Connector logs. Event 1002 shows whether Exchange is trying to connect; if absent on every node, Exchange runs the wrong version (must be 2010 CU2 or 2013 RU1) ' +
      'or lacks the CertificationServerRedirection/LicenseServerRedirection registry values ("https://MicrosoftRMSURL/_wmcs/..." = "http(s)://connectorName/_wmcs/..."); ' +
      'it may also be DNS or load balancing: browse to connectorname/_wmcs/licensing from an Exchange server (an IIS error is OK, no response is not). ' +
      'Event 2001: the server is not authorized (check the connector authorizations). Event 3000: the connector is not properly configured or its certificates are invalid; reinstall the node.',
  },
  {
    step: 'A6',
    text:
      "If a specific server can't consume the content but others can, check if the server may be authorized via a different rule than the other servers " +
      'or if the rule is not specified as an Exchange server. Also check registry keys as above.',
  },
  {
    step: 'A7',
    text:
      'Check if user and group membership is properly replicated in AAD. Check if user has rights to the content in Outlook. ' +
      'Check if resending the content after unprotecting and re-protecting works.',
  },
  { step: 'A8', text: 'Additional possible causes:' },
  { step: 'A8a', text: 'SSL CRL not accessible.' },
  { step: 'A8b', text: 'SSL certificate in connector not trusted by Exchange servers.' },
  { step: 'A8c', text: 'Wrong MSDRM version in Exchange server - must be Mode 2 capable client (aka.ms/rms-exchange).' },

  { step: 'B1', text: 'In Exchange, use Test-IRMConfiguration. If it works, go to #6.' },
  { step: 'B2', text: 'Check Exchange configuration with: (a) Get-IRMConfiguration, (b) the registry.' },
  {
    step: 'B2a',
    text:
      'Get-IRM configuration. Check that it is: (the same values as in the first symptom). If either value is wrong, correct it via Set-IRMConfiguration.',
  },
  {
    step: 'B2b',
    text:
      'If the Locations are wrong, fix HKLM\\Software\\Microsoft\\MSDRM\\ServiceLocation\\Activation (Default) = "https://MicrosoftRMSURL/_wmcs/certification". ' +
      'Purge certificates in the Exchange DRM folder in each Exchange server, then disable and re-enable IRM. All servers should have the same settings.',
  },
  {
    step: 'B3',
    text:
      'Check Connector logs. Event 1002 shows whether Exchange is trying to connect; if absent on every node, Exchange runs the wrong version (must be 2010 CU2 or 2013 RU1) ' +
      'or lacks the redirection registry values ("https://MicrosoftRMSURL/_wmcs/..." = "https://connectorName/_wmcs/..."); it may also be DNS or load balancing: ' +
      'browse to https://connectorname/_wmcs/licensing from an Exchange server. Event 2001: the server is not authorized. ' +
      'Event 3000: a general error in the Connector; reinstall the Connector node and see if this solves the problem.',
  },
  {
    step: 'B4',
    text:
      "If a specific server can't consume the content but others can't, check if the server may be authorized via a different rule than the other servers " +
      'or if the rile is not specified as an Exchange server. Also check registry keys as above.',
  },
  {
    step: 'B5',
    text:
      'Check if user and group membership for the test account is properly replicated in AAD. Check if user has rights to the content in Outlook. ' +
      'Check if resending the content after unprotecting and re-protecting works.',
  },
  { step: 'B6', text: 'Additional possible problems:' },
  { step: 'B6a', text: 'SSL CRL not accessible.' },
  { step: 'B6b', text: 'SSL certificate in connector not trusted by Exchange servers.' },
  { step: 'B6c', text: 'Wrong MSDRM version in Exchange server - must be Mode 2 capable client (Cryptographic Mode 2 on AD RMS servers).' },

  {
    step: 'L0',
    text:
      "If all of the above didn't help, collect the below logs and add them to your support ticket: an RMS Analyzer trace on the Exchange Server " +
      'and an RMS connector trace at the same time.',
  },
  { step: 'L1', text: 'RMS Analyzer: download RMS Analyzer.' },
  { step: 'L2', text: 'RMS Analyzer: start as local admin.' },
  { step: 'L3', text: 'RMS Analyzer: go straight to the logging tab.' },
  { step: 'L4', text: 'RMS Analyzer: start logging.' },
  { step: 'L5', text: 'RMS Analyzer: reproduce the issue.' },
  { step: 'L6', text: 'RMS Analyzer: afterwards stop logging.' },
  { step: 'L7', text: 'RMS Analyzer: attach the created zip/cab file to the support call and explain what you are trying to do.' },
  { step: 'LT', text: 'RMS connector trace (Monitor the Azure Rights Management connector, "Logging"), taken at the same time as the RMS Analyzer trace.' },
];

export const SEED_STEP_IDS: ReadonlySet<string> = new Set(SEED_STEPS.map((s) => s.step));

export interface SeedStepRow extends SeedStepEntry {
  /** Ids of the nodes whose seedStep is this step, in flow order. */
  nodes: string[];
}

/** The seed step -> node ids table (the flow's coverage of the article). */
export function seedStepTable(flow: Flow): SeedStepRow[] {
  return SEED_STEPS.map((s) => ({ ...s, nodes: flow.nodes.filter((n) => n.seedStep === s.step).map((n) => n.id) }));
}
