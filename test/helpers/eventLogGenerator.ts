// A realistic whole-Application-log dump in `wevtutil qe Application /f:text /rd:true` format: mostly other
// providers' events (Exchange, SPP, ESENT, .NET, WER, ...) with the RMS connector's events mixed in, from two
// connector nodes (the admin concatenated both nodes' dumps, each under a `=== NODE ===` header). Deterministic
// (fixed-seed PRNG), so tests and the benchmark always see the same text.
//
// Default mix, per node: 1000 after each restart, 1004 every "15 minutes", 1002/2002 for the Exchange servers;
// RMSCON02 also logs 2001 for EXCH03 (so nodes-differ fires). Every event is a complete wevtutil block.

export interface EventLogDumpOptions {
  /** Connector node names (Computer field). Default RMSCON01/RMSCON02 .woodfin.com. */
  nodes?: string[];
  /** Roughly one event in N is a connector event. Default 12. */
  connectorEvery?: number;
  /** Ask the generator to include event 2001 on the last node. Default true. */
  with2001?: boolean;
  seed?: number;
}

interface Other { source: string; id: number; level: string; task: string; text: (r: () => number) => string }

const OTHERS: Other[] = [
  { source: 'MSExchange ADAccess', id: 2080, level: 'Information', task: 'Topology', text: (r) => `Process MSExchangeHMWorker.exe (ExHMWorker) (PID=${1000 + Math.floor(r() * 9000)}). Exchange Active Directory Provider has discovered the following servers with the following characteristics:\n (Server name | Roles | Enabled | Reachability | Synchronized | GC capable | PDC | SACL right | Critical Data | Netlogon | OS Version)\nIn-site:\nDC01.woodfin.com  CDG 1 7 7 1 0 1 1 7 1\nDC02.woodfin.com  CDG 1 7 7 1 0 1 1 7 1\n Out-of-site:` },
  { source: 'MSExchange Common', id: 4999, level: 'Error', task: 'General', text: (r) => `Watson report about to be sent for process id: ${2000 + Math.floor(r() * 8000)}, with parameters: E12IIS, c-RTL-AMD64, 15.01.2507.006, w3wp#MSExchangeOWAAppPool, M.Exchange.Net, M.E.N.RightsManagementServices.ServerManager.GetServerInfo, System.Net.WebException, 4a3f, 15.01.2507.006.\nErrorReportingEnabled: False` },
  { source: 'Microsoft-Windows-Security-SPP', id: 16384, level: 'Information', task: 'N/A', text: () => 'Successfully scheduled Software Protection service for re-start at 2124-04-20T10:20:11Z. Reason: RulesEngine.' },
  { source: 'Microsoft-Windows-Security-SPP', id: 16394, level: 'Information', task: 'N/A', text: () => 'Offline downlevel migration succeeded.' },
  { source: 'ESENT', id: 326, level: 'Information', task: 'General', text: (r) => `svchost (${3000 + Math.floor(r() * 5000)},D,50) SRUJet: The database engine attached a database (1, C:\\Windows\\system32\\SRU\\SRUDB.dat). (Time=0 seconds)` },
  { source: '.NET Runtime', id: 1026, level: 'Error', task: 'None', text: () => 'Application: Microsoft.Exchange.Diagnostics.Service.exe\nFramework Version: v4.0.30319\nDescription: The process was terminated due to an unhandled exception.\nException Info: System.IO.IOException\n   at System.IO.__Error.WinIOError(Int32, System.String)\n   at Microsoft.Exchange.Diagnostics.Service.Common.FileHelper.CopyFile(System.String, System.String)' },
  { source: 'Windows Error Reporting', id: 1001, level: 'Information', task: 'None', text: (r) => `Fault bucket ${Math.floor(r() * 1e9)}, type 5\nEvent Name: MSExchangeTransport\nResponse: Not available\nCab Id: 0\n\nProblem signature:\nP1: EdgeTransport.exe\nP2: 15.1.2507.6\nP3: M.Exchange.Transport` },
  { source: 'VSS', id: 8224, level: 'Information', task: 'None', text: () => 'The VSS service is shutting down due to idle timeout.' },
  { source: 'MSExchangeFastSearch', id: 1009, level: 'Warning', task: 'General', text: () => 'The indexing of mailbox database DB01 encountered an unexpected exception. Error details: Microsoft.Exchange.Search.Core.Abstraction.OperationFailedException: The component operation has failed.' },
  { source: 'Microsoft-Windows-CAPI2', id: 4097, level: 'Error', task: 'None', text: () => 'Failed extract of third-party root list from auto update cab at: <http://ctldl.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootstl.cab> with error: A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.' },
  { source: 'MSExchange RBAC', id: 1, level: 'Information', task: 'None', text: (r) => `(Process w3wp.exe, PID ${4000 + Math.floor(r() * 3000)}) Connection leak detected for key woodfin.com/Users/Administrator in Microsoft.Exchange.Configuration.Authorization.WSManBudgetManager class. Leaked Value 1.` },
  { source: 'Microsoft-Windows-User Profiles Service', id: 1531, level: 'Information', task: 'None', text: () => 'The User Profile Service has started successfully.' },
];

const GUID_TENANT = '7e1d2c3b-5a4f-4d6e-9b8a-0c1d2e3f4a5b';

function connectorText(id: number, exch: string): string {
  const sid = `S-1-5-21-1004336348-1177238915-682003330-${1100 + (exch.charCodeAt(exch.length - 1) % 50)}`;
  const who = `\n\nAccount SID: ${sid}\nAccount name: CONTOSO\\${exch}$\nComputer name: ${exch}.woodfin.com`;
  switch (id) {
    case 1000: return 'The Microsoft RMS connector web service has started.';
    case 1002: return `Access to the Microsoft RMS connector has been allowed for an authorized server.${who}`;
    case 1004: return `The list of authorized accounts has been updated.\n\nAuthorized accounts:\nCONTOSO\\Exchange Servers (Exchange Server)\n\nTenant: https://${GUID_TENANT}.rms.na.aadrm.com`;
    case 2001: return `Unauthorized access attempt to Microsoft RMS connector.${who}`;
    case 2002: return `The connection from the client listed below is using a non-secure (HTTP) connection.${who}`;
    default: return `Microsoft RMS connector event ${id}.`;
  }
}

function block(n: number, source: string, date: Date, id: number, level: string, task: string, computer: string, text: string): string {
  return [
    `Event[${n}]:`,
    '  Log Name: Application',
    `  Source: ${source}`,
    `  Date: ${date.toISOString().replace('Z', '')}`,
    `  Event ID: ${id}`,
    `  Task: ${task}`,
    `  Level: ${level}`,
    '  Opcode: Info',
    '  Keyword: Classic',
    '  User: N/A',
    '  User Name: N/A',
    `  Computer: ${computer}`,
    '  Description: ',
    text,
    '',
  ].join('\n');
}

/** About `bytes` characters of wevtutil text; every node gets an equal share, newest event first. */
export function makeEventLogDump(bytes: number, opts: EventLogDumpOptions = {}): string {
  const nodes = opts.nodes ?? ['RMSCON01.woodfin.com', 'RMSCON02.woodfin.com'];
  const every = Math.max(2, opts.connectorEvery ?? 12);
  const with2001 = opts.with2001 ?? true;
  let state = (opts.seed ?? 20240514) >>> 0;
  const rand = (): number => {
    // mulberry32: small, fast, deterministic
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const parts: string[] = [];
  const share = Math.max(1, Math.floor(bytes / nodes.length));
  nodes.forEach((node, ni) => {
    const short = node.split('.')[0]!;
    parts.push(`=== ${short} ===\n`);
    let size = 0;
    let n = 0;
    let time = Date.UTC(2024, 4, 14, 12, 0, 0);
    const last = ni === nodes.length - 1;
    // Mandatory connector events near the top (newest), so even a small dump shows them.
    const plan: number[] = [1004, 1002, ...(last && with2001 ? [2001] : []), 2002, 1000];
    while (size < share) {
      time -= Math.floor(rand() * 120_000) + 5_000;
      let text: string;
      const useConnector = plan.length > 0 ? n % 3 === 1 : Math.floor(rand() * every) === 0;
      if (useConnector) {
        const id = plan.shift() ?? (rand() < 0.8 ? 1004 : rand() < 0.5 ? 1002 : last && with2001 ? 2001 : 1000);
        const exch = id === 2001 ? 'EXCH03' : rand() < 0.5 ? 'EXCH01' : 'EXCH02';
        const level = id >= 3000 ? 'Error' : id >= 2000 ? 'Warning' : 'Information';
        text = block(n, 'Microsoft RMS connector', new Date(time), id, level, 'N/A', node, connectorText(id, exch));
      } else {
        const o = OTHERS[Math.floor(rand() * OTHERS.length)]!;
        text = block(n, o.source, new Date(time), o.id, o.level, o.task, node, o.text(rand));
      }
      parts.push(text + '\n');
      size += text.length + 1;
      n++;
    }
  });
  return parts.join('');
}
