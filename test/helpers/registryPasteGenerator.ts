// Builds a large, realistic registry paste: `=== NAME ===` headers followed by the reg query output of
// the four connector keys for each server. Used by the registry tests and the parse benchmark.

export const GEN_TENANT = 'https://7e1d2c3b-5a4f-4d6e-9b8a-0c1d2e3f4a5b.rms.na.aadrm.com';
export const GEN_CONNECTOR = 'https://rmsconnector.woodfin.com';

export interface RegistryPasteOptions {
  /** 0-based index of a server whose LicenseServerRedirection uses the mixed form (the odd one out). */
  oddServer?: number;
  /** Line ending; CRLF is what a Windows console gives. */
  eol?: '\n' | '\r\n';
}

export function serverName(i: number): string {
  return `EXCH${String(i + 1).padStart(3, '0')}`;
}

function block(path: string, lines: string[]): string[] {
  return ['', `HKEY_LOCAL_MACHINE\\${path}`, ...lines.map((l) => `    ${l}`)];
}

export function makeRegistryPaste(servers: number, options: RegistryPasteOptions = {}): string {
  const out: string[] = [];
  for (let i = 0; i < servers; i++) {
    const odd = options.oddServer === i;
    out.push(`=== ${serverName(i)} ===`);
    out.push(...block('SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation\\Activation', [`(Default)    REG_SZ    ${GEN_TENANT}/_wmcs/certification`]));
    out.push(...block('SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation\\EnterprisePublishing', [`(Default)    REG_SZ    ${GEN_TENANT}/_wmcs/Licensing`]));
    out.push(...block('SOFTWARE\\Microsoft\\ExchangeServer\\v15\\IRM\\CertificationServerRedirection', [`${GEN_TENANT}    REG_SZ    ${GEN_CONNECTOR}`]));
    out.push(
      ...block('SOFTWARE\\Microsoft\\ExchangeServer\\v15\\IRM\\LicenseServerRedirection', [
        `${GEN_TENANT}    REG_SZ    ${GEN_CONNECTOR}${odd ? '/_wmcs/licensing' : ''}`,
      ]),
    );
    out.push('');
  }
  return out.join(options.eol ?? '\r\n');
}
