// What the user actually typed or pasted, from a Teams activity: the mention removed, and the
// text/html attachment preferred over `text` because Teams flattens pasted blocks in `text`. Both
// hosts use it; each removes the recipient's mention from `text` with its own SDK.
import { htmlToText } from '../engine/normalize';

const MAX_HTML_BYTES = 8 * 1024 * 1024;

function stripMentions(s: string): string {
  // <at>IRM Doctor</at> in both the plain text and the HTML rendering.
  return s.replace(/<at>[^<]{0,200}<\/at>/gi, ' ');
}

/**
 * Returns the message text with the bot's mention removed and Teams' HTML turned into plain text,
 * so "<p>yes</p>" is the answer "yes" and a pasted <pre> block keeps its line breaks.
 */
export function inboundText(activity: { attachments?: { contentType: string; content?: unknown }[] }, textWithoutMention: string | undefined): string {
  const html = (activity.attachments ?? []).find((a) => a.contentType === 'text/html' && typeof a.content === 'string');
  if (html && (html.content as string).length <= MAX_HTML_BYTES) {
    return htmlToText(stripMentions(html.content as string)).trim();
  }
  return htmlToText(stripMentions(textWithoutMention ?? '')).trim();
}
