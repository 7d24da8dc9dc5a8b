// Object identity for host names: Microsoft's own cloud endpoints (Azure RMS, Entra ID sign-in, Exchange
// Online, Microsoft 365, the PowerShell Gallery …) are never "the connector". A probe of one of them says
// something about this server's way out to Microsoft 365 (proxy, firewall, TLS inspection), and advice
// such as "create the DNS record" or "bind a certificate on the connector nodes" would be harmful there.

/** Registrable domains (and their subdomains) that only Microsoft serves. Sovereign clouds included. */
const MICROSOFT_DOMAINS = [
  'aadrm.com', 'aadrm.us', 'aadrm.cn', 'aadrm.azure.cn', 'azurerms.com', 'informationprotection.azure.com',
  'microsoftonline.com', 'microsoftonline.us', 'microsoftonline.de', 'microsoftonline.cn', 'chinacloudapi.cn', 'partner.microsoftonline.cn',
  'protection.outlook.com', 'protection.outlook.de', 'protection.partner.outlook.cn', 'outlook.office365.com', 'outlook.office365.us',
  'outlook.office.com', 'outlook.com', 'office365.com', 'office365.us', 'office.com', 'office.net', 'office365.cn', 'partner.outlook.cn',
  'microsoft.com', 'microsoft.us', 'windows.net', 'microsoftazure.de', 'azure.com', 'azure.us', 'azure.cn',
  'msftauth.net', 'msauth.net', 'msocsp.com', 'live.com', 'sharepoint.com', 'sharepoint.us', 'powershellgallery.com', 'microsoftonline-p.com',
  'manage.microsoft.com', 'msappproxy.net', 'msidentity.com',
];

/** True when `host` is (a subdomain of) a Microsoft cloud domain. Case-insensitive; a trailing dot is ignored. */
export function isMicrosoftEndpoint(host: string | null | undefined): boolean {
  if (!host) return false;
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  if (h.length === 0 || h.length > 253) return false;
  return MICROSOFT_DOMAINS.some((d) => h === d || h.endsWith(`.${d}`));
}

/** What kind of Microsoft endpoint it is, for the card's wording. */
export function microsoftEndpointRole(host: string): string {
  const h = host.toLowerCase();
  if (/(^|\.)aadrm\.|azurerms\.com$|informationprotection\.azure\.com$/.test(h)) return 'the Azure Rights Management service';
  if (/microsoftonline|chinacloudapi\.cn$|msauth|msftauth|windows\.net$/.test(h)) return 'Microsoft Entra ID sign-in';
  if (/protection\.(partner\.)?outlook\./.test(h)) return 'Exchange Online Protection';
  if (/outlook\.|office365\./.test(h)) return 'Exchange Online';
  return 'a Microsoft cloud service';
}
