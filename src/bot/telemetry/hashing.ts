// User and tenant ids leave the bot only hashed: sha256 over a per-install salt and the id, so the
// same user counts as one within an installation, and the hash cannot be looked up in a table of
// known ids without the salt.
import { createHash } from 'crypto';

/** Used when TELEMETRY_SALT is not set; installations sharing it share hashes (hence the warning). */
export const DEFAULT_SALT = 'irm-doctor-telemetry-v1';

export function hashId(id: string | null | undefined, salt: string): string {
  if (!id) return '';
  // 16 bytes of the digest are plenty to tell users apart and shorten every event.
  return createHash('sha256').update(salt).update('\u0000').update(id).digest('hex').slice(0, 32);
}
