// The notation placeholders take on cards. The engine and the flow write them the way Microsoft's
// articles do, "<connector-fqdn>", but Teams renderers read "<…>" as an HTML tag and drop it (the
// Agents Playground showed "https:///_wmcs/..."). On cards they become "[connector-fqdn]": nothing
// in Markdown, HTML, a CodeBlock or a TextRun touches square brackets once the Markdown escaping
// (markdownText.ts) has run, and an admin still reads them as "put your value here". Running one by
// mistake is prevented line by line where commands are shown (codeText.ts).

/**
 * One placeholder: a short name in angle brackets, such as <connector-fqdn>, <tenant URL>,
 * <mailbox@yourdomain>. Markup with attributes (<trace enabled="false" />) is not a placeholder.
 */
const PLACEHOLDER = /<([A-Za-z][A-Za-z0-9 ._@-]{0,40})>/g;

/** True when `text` holds at least one placeholder (as the engine and the flow write them). */
export function hasPlaceholder(text: string): boolean {
  return new RegExp(PLACEHOLDER.source).test(text);
}

/** "<connector-fqdn>" → "[connector-fqdn]"; everything else is left as it is. */
export function cardPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => `[${name}]`);
}
