// Files uploaded in 1:1 chat (manifest supportsFiles): Teams sends a download-info attachment with a
// pre-authenticated URL. We read text files up to 5 MB like pastes and refuse anything else clearly.
import type { Attachment } from 'botbuilder';
import { decodeText } from '../engine/decodeText';
import type { UploadedFile } from '../dialogs/turnInput';

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const ALLOWED = new Set(['txt', 'reg', 'csv', 'xml', 'log']);
const DOWNLOAD_TIMEOUT_MS = 8000; // well inside Teams' 15-second turn limit

export interface FileReadResult {
  files: UploadedFile[];
  errors: string[];
}

function extensionOf(name: string, fileType: unknown): string {
  const fromName = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1];
  return (fromName ?? (typeof fileType === 'string' ? fileType : '')).toLowerCase();
}

async function download(url: string): Promise<Uint8Array | string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!res.ok || !res.body) return `the download failed (HTTP ${res.status})`;
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > MAX_UPLOAD_BYTES) {
    await res.body.cancel();
    return 'too-large';
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > MAX_UPLOAD_BYTES) return 'too-large';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Reads every uploaded file of the activity; each problem becomes one sentence for the user. */
export async function readUploads(attachments: Attachment[] | undefined, conversationType: string | undefined): Promise<FileReadResult> {
  const out: FileReadResult = { files: [], errors: [] };
  for (const a of attachments ?? []) {
    if (a.contentType !== FILE_DOWNLOAD_INFO) continue;
    const name = (a.name ?? 'upload').slice(0, 200);
    if (conversationType && conversationType !== 'personal') {
      out.errors.push(`I can read files only in our 1:1 chat; ${name} was not read. Paste its text here instead.`);
      continue;
    }
    const content = (a.content ?? {}) as { downloadUrl?: unknown; fileType?: unknown };
    const ext = extensionOf(name, content.fileType);
    if (!ALLOWED.has(ext)) {
      out.errors.push(`I can read .txt, .reg, .csv, .xml and .log files; ${name} was not read.`);
      continue;
    }
    if (typeof content.downloadUrl !== 'string' || !/^https?:\/\//i.test(content.downloadUrl)) {
      out.errors.push(`Teams did not give me a download link for ${name}; please upload it again.`);
      continue;
    }
    try {
      const got = await download(content.downloadUrl);
      if (got === 'too-large') out.errors.push(`${name} is larger than 5 MB, so I did not read it. Upload only the part that matters (for example one server's output), or paste it.`);
      else if (typeof got === 'string') out.errors.push(`I could not read ${name}: ${got}. Please upload it again.`);
      else out.files.push({ name, text: decodeText(got) });
    } catch (e) {
      out.errors.push(`I could not download ${name} (${(e as Error).name === 'TimeoutError' ? 'it took too long' : (e as Error).message}). Please upload it again.`);
    }
  }
  return out;
}
