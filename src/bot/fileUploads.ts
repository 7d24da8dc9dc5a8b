// Files uploaded in 1:1 chat (manifest supportsFiles): Teams sends a download-info attachment with a
// pre-authenticated URL. We read text files up to 5 MB like pastes and refuse anything else clearly.
// One message reads at most MAX_FILES files and MAX_TOTAL_BYTES in all, a few at a time, within one
// download deadline (the turn has 15 s), and everything skipped is told in ONE message: a message
// with a thousand attachments must not become a thousand answers or hold gigabytes in memory.
import type { Attachment } from 'botbuilder';
import { decodeText } from '../engine/decodeText';
import type { UploadedFile } from '../dialogs/turnInput';

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const ALLOWED = new Set(['txt', 'reg', 'csv', 'xml', 'log']);
/** For all downloads of one message together: well inside Teams' 15-second turn limit. */
const DOWNLOAD_TIMEOUT_MS = 8000;
export const MAX_FILES = 5;
export const MAX_TOTAL_BYTES = 10 * 1024 * 1024;
const CONCURRENCY = 3;
/** Lines of the one "what was not read" message; the rest are counted. */
const MAX_ERROR_LINES = 8;

export interface FileReadResult {
  files: UploadedFile[];
  errors: string[];
}

function extensionOf(name: string, fileType: unknown): string {
  const fromName = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1];
  return (fromName ?? (typeof fileType === 'string' ? fileType : '')).toLowerCase();
}

/** Bytes downloaded by this message so far, shared by its concurrent downloads. */
interface Budget {
  bytes: number;
  signal: AbortSignal;
}

async function download(url: string, budget: Budget): Promise<Uint8Array | 'too-large' | 'over-total' | string> {
  const res = await fetch(url, { signal: budget.signal });
  if (!res.ok || !res.body) return `the download failed (HTTP ${res.status})`;
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > MAX_UPLOAD_BYTES || budget.bytes + declared > MAX_TOTAL_BYTES) {
    await res.body.cancel();
    return declared > MAX_UPLOAD_BYTES ? 'too-large' : 'over-total';
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    budget.bytes += chunk.length;
    if (total > MAX_UPLOAD_BYTES || budget.bytes > MAX_TOTAL_BYTES) {
      await res.body.cancel().catch(() => undefined);
      budget.bytes -= total;
      return total > MAX_UPLOAD_BYTES ? 'too-large' : 'over-total';
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** One message for everything that was not read (an empty list when all was read). */
function oneMessage(lines: string[]): string[] {
  if (lines.length <= 1) return lines;
  const shown = lines.slice(0, MAX_ERROR_LINES).map((l) => `- ${l}`);
  const more = lines.length - shown.length;
  return [`Some files were not read:\n\n${shown.join('\n')}${more > 0 ? `\n- …and ${more} more.` : ''}`];
}

/** Reads the uploaded files of the activity (at most MAX_FILES); every problem is one line of one message. */
export async function readUploads(attachments: Attachment[] | undefined, conversationType: string | undefined): Promise<FileReadResult> {
  const files = (attachments ?? []).filter((a) => a.contentType === FILE_DOWNLOAD_INFO);
  const errors: string[] = [];
  if (files.length === 0) return { files: [], errors };
  if (conversationType && conversationType !== 'personal') {
    const names = files.slice(0, 3).map((a) => (a.name ?? 'upload').slice(0, 200)).join(', ');
    return { files: [], errors: [`I can read files only in our 1:1 chat; ${files.length === 1 ? `${names} was` : `${files.length} files (${names}${files.length > 3 ? ', …' : ''}) were`} not read. Paste the text here instead.`] };
  }
  const wanted: { name: string; url: string }[] = [];
  const overflow: string[] = [];
  for (const a of files) {
    const name = (a.name ?? 'upload').slice(0, 200);
    const content = (a.content ?? {}) as { downloadUrl?: unknown; fileType?: unknown };
    if (!ALLOWED.has(extensionOf(name, content.fileType))) errors.push(`${name}: I can read .txt, .reg, .csv, .xml and .log files only.`);
    else if (typeof content.downloadUrl !== 'string' || !/^https?:\/\//i.test(content.downloadUrl)) errors.push(`${name}: Teams gave me no download link; please upload it again.`);
    else if (wanted.length >= MAX_FILES) overflow.push(name);
    else wanted.push({ name, url: content.downloadUrl });
  }
  const budget: Budget = { bytes: 0, signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) };
  const results: ({ name: string; text: string } | string)[] = new Array(wanted.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < wanted.length; i = next++) {
      const { name, url } = wanted[i]!;
      try {
        const got = await download(url, budget);
        if (got === 'too-large') results[i] = `${name} is larger than 5 MB, so I did not read it. Upload only the part that matters (for example one server's output), or paste it.`;
        else if (got === 'over-total') results[i] = `${name}: the files of one message may have ${MAX_TOTAL_BYTES / 1048576} MB in all; send it again on its own.`;
        else if (typeof got === 'string') results[i] = `I could not read ${name}: ${got}. Please upload it again.`;
        else results[i] = { name, text: decodeText(got) };
      } catch (e) {
        results[i] = `I could not download ${name} (${(e as Error).name === 'TimeoutError' ? 'it took too long' : (e as Error).message}). Please upload it again.`;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, wanted.length) }, worker));
  const out: FileReadResult = { files: [], errors: [] };
  for (const r of results) {
    if (typeof r === 'string') errors.push(r);
    else out.files.push(r);
  }
  if (overflow.length > 0) {
    errors.unshift(`I read at most ${MAX_FILES} files per message, so ${overflow.length === 1 ? `${overflow[0]} was` : `${overflow.length} more (${overflow.slice(0, 3).join(', ')}${overflow.length > 3 ? ', …' : ''}) were`} not read: send ${overflow.length === 1 ? 'it' : 'them'} in another message.`);
  }
  out.errors = oneMessage(errors);
  return out;
}
