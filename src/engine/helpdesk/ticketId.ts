// Ticket ids people can read out ("IRM-7KQ2MX") but nobody can guess: six random characters of a
// 32-letter alphabet without look-alikes (no 0/O, 1/I), about a billion ids. Numbered ids let anyone
// who saw one ticket try its neighbours. Ids from before (IRM-<n>) stay valid for stored tickets.

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const LENGTH = 6;

export const TICKET_ID = /^IRM-(?:\d{1,9}|[2-9A-HJ-NP-Z]{6})$/;

/** `randomBytes(n)`: n bytes from a cryptographic source (injected: the engine imports no platform code). */
export function newTicketId(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(LENGTH);
  let id = '';
  // 256 is a multiple of 32, so the low five bits of each byte are uniform.
  for (let i = 0; i < LENGTH; i++) id += ALPHABET[bytes[i]! & 31];
  return `IRM-${id}`;
}
