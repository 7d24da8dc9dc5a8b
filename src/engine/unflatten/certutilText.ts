// Restores the line breaks of a flattened `certutil -verify [-urlfetch]` paste: every line of its chain
// dump starts with a marker of its own (CertContext[i][j], Issuer:, Element.dwErrorStatus, the
// "---- Certificate CDP ----" rules, Verified "…" / Failed "…", CertUtil: …). One bounded replace.

const MARKERS = [
  'CertContext\\[\\d{1,3}\\]\\[\\d{1,3}\\]',
  '(?:Issuer|Subject|NotBefore|NotAfter|Serial|SubjectAltName|Template|Cert|Chain|ThisUpdate|NextUpdate|CRL(?: [0-9a-f]{1,8})?):',
  '(?:Element|ChainContext|SimpleChain)\\.dw',
  'Exclude leaf cert:',
  'Full chain:',
  '-{4,40} ',
  '(?:Verified|Failed|OK|Expired|Wrong Issuer|No URLs|Error) "',
  '\\[\\d{1,2}\\.\\d{1,2}(?:\\.\\d{1,2})?\\] ',
  'Error retrieving URL:',
  'CertUtil: ',
  'Leaf certificate ',
  'ERROR: ',
  'Verified (?:Issuance|Application) Policies:',
  'Cannot check leaf certificate revocation status',
  'Missing Issuer:',
  'Issuer:',
];
const RE_MARKER = new RegExp(` {1,200}(?=(?:${MARKERS.join('|')}))`, 'g');
const RE_SPLIT_TITLE_RULE = /^(-{4,40} {1,6}[A-Za-z][A-Za-z_ ]{0,40}?)\n(-{4,40})$/gm;
const RE_SHAPE = /CertContext\[\d{1,3}\]\[\d{1,3}\]|ChainContext\.dw|CertUtil: -verify command|Element\.dwErrorStatus/;

/** The text with its line breaks put back, or null when it is not a flattened certutil paste. */
export function restoreLines(flat: string): string | null {
  if (!RE_SHAPE.test(flat.slice(0, 65536))) return null;
  // A titled rule ("----  Certificate AIA  ----") has a rule at both ends; the closing one is no new line.
  const s = flat.replace(RE_MARKER, '\n').replace(RE_SPLIT_TITLE_RULE, '$1  $2');
  return s === flat ? null : s;
}
