// What a card shows must be what the data says: commands copy exactly, placeholders survive every
// Teams renderer, and text typed or pasted by people is never read as Markdown. These tests check
// each escaping rule on its own, then every card built from hostile data.
import * as assert from 'assert';
import { cardPlaceholders } from '../../src/cards/cardPlaceholders';
import { diagnosisCard, nodeCard, reminderCard, ticketCard, type CardAttachment } from '../../src/cards/cards';
import { PLACEHOLDER_NOTE, codeText } from '../../src/cards/codeText';
import { flowText, markdownText } from '../../src/cards/markdownText';
import { newCase } from '../../src/engine/case/caseMachine';
import { diagnose } from '../../src/engine/diagnose';
import { FLOW } from '../../src/engine/flow/loadFlow';
import type { TicketRecord } from '../../src/engine/helpdesk/ticketTypes';
import type { ReminderRecord } from '../../src/engine/reminders/reminderRecord';
import { elementsOfType, objectsOf } from '../helpers/cardValidator';
import { fixture } from '../helpers/fixtures';

/** CommonMark's backslash escape, undone: what a Markdown renderer shows for escaped text. */
function shown(md: string): string {
  return md.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

const ANGLE_PLACEHOLDER = /<[A-Za-z][A-Za-z0-9 ._@-]{0,40}>/;

/** Every text a renderer draws as Markdown: TextBlock text and FactSet titles and values. */
function markdownTexts(a: CardAttachment): string[] {
  const out: string[] = [];
  for (const o of objectsOf(a.content)) {
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (o.type === 'FactSet' && Array.isArray(o.facts)) for (const f of o.facts as { title: string; value: string }[]) out.push(f.title, f.value);
  }
  return out;
}

function allTexts(a: CardAttachment): string[] {
  const code = objectsOf(a.content).flatMap((o) => (o.type === 'CodeBlock' ? [String(o.codeSnippet)] : o.type === 'TextRun' ? [String(o.text)] : []));
  return [...markdownTexts(a), ...code];
}

describe('markdownText: TextBlock text shows as given', () => {
  const cases: [string, string, string][] = [
    ['emphasis and bold', 'the *purge* is **done** ~~now~~', 'the \\*purge\\* is \\*\\*done\\*\\* \\~\\~now\\~\\~'],
    ['code spans', 'run `iisreset`', 'run \\`iisreset\\`'],
    ['links and images', '[click](http://x) ![i](y)', '\\[click\\](http://x) !\\[i\\](y)'],
    ['HTML and autolinks', '<b>x</b> <http://x>', '\\<b>x\\</b> \\<http://x>'],
    ['entities', 'a &lt;b&gt; &amp; c & d', 'a \\&lt;b\\&gt; \\&amp; c & d'],
    ['a heading', '# On EACH Exchange server', '\\# On EACH Exchange server'],
    ['a block quote', '> quoted', '\\> quoted'],
    ['bullet items', '- one\n  + two', '\\- one\n  \\+ two'],
    ['ordered items', '1. one\n2) two', '1\\. one\n2\\) two'],
    ['thematic breaks and setext underlines', 'title\n---\n===\n___', 'title\n\\---\n\\===\n\\_\\_\\_'],
    ['a backslash before punctuation', 'S-1-5-18\\*', 'S-1-5-18\\\\\\*'],
    ['a backslash at the end of a line (a hard break)', 'C:\\Temp\\\nnext', 'C:\\Temp\\\\\nnext'],
  ];
  for (const [what, input, escaped] of cases) {
    it(`escapes ${what}`, () => {
      assert.strictEqual(markdownText(input), escaped);
      assert.strictEqual(shown(markdownText(input)), input.replace(/\r\n?/g, '\n'), 'a renderer shows the text as given');
    });
  }

  it('leaves ordinary text alone: paths, snake_case, dashes inside a line, numbers', () => {
    for (const s of ['C:\\ProgramData\\Microsoft\\DRM', 'MSDRM_Activation and my_var', 'a - b', 'v15 (2016 CU23).', 'Test-IRMConfiguration -Sender admin@contoso.com']) {
      assert.strictEqual(markdownText(s), s);
    }
  });

  it('keeps every character of hostile text (the escapes are all a renderer removes)', () => {
    const hostile = '**IRM-1** <img src=x onerror=alert(1)>\r\n# h\n\\\\server\\share\\*\n1) _x_ [a]: http://x\n&#60;script&#62; | ` ~';
    assert.strictEqual(shown(markdownText(hostile)), hostile.replace(/\r\n/g, '\n'));
  });

  it('flowText also writes placeholders in the card notation', () => {
    assert.strictEqual(flowText('(= <tenant URL>/_wmcs/licensing)'), '(= \\[tenant URL\\]/\\_wmcs/licensing)');
    assert.strictEqual(shown(flowText('(= <tenant URL>/_wmcs/licensing)')), '(= [tenant URL]/_wmcs/licensing)');
  });
});

describe('cardPlaceholders: the notation every renderer keeps', () => {
  it('turns <name> into [name] and leaves markup with attributes alone', () => {
    assert.strictEqual(cardPlaceholders('https://<your-tenant-id>.rms.<region>.aadrm.com'), 'https://[your-tenant-id].rms.[region].aadrm.com');
    assert.strictEqual(cardPlaceholders('-Sender <mailbox@yourdomain>'), '-Sender [mailbox@yourdomain]');
    assert.strictEqual(cardPlaceholders('<trace enabled="false" />'), '<trace enabled="false" />');
  });
});

describe('codeText: commands copy exactly and cannot run with a placeholder in them', () => {
  it('keeps comment markers, backslashes and $ exactly', () => {
    const purge = '# On EACH Exchange server (elevated PowerShell):\nRemove-Item "C:\\ProgramData\\Microsoft\\DRM\\Server\\S-1-5-18\\*" -Recurse -Force\nSet-IRMConfiguration -InternalLicensingEnabled $true -Force';
    assert.strictEqual(codeText(purge), purge);
  });

  it('comments out a command line that still holds a placeholder, with a note above it', () => {
    assert.strictEqual(
      codeText('# Proxy:\nreg add "HKLM\\SOFTWARE\\Microsoft\\AADRM\\Connector" /v ProxyAddress /t REG_SZ /d "http://<proxy-host>:<port>" /f\niisreset'),
      `# Proxy:\n${PLACEHOLDER_NOTE}\n# reg add "HKLM\\SOFTWARE\\Microsoft\\AADRM\\Connector" /v ProxyAddress /t REG_SZ /d "http://[proxy-host]:[port]" /f\niisreset`,
    );
  });

  it('writes placeholders in comments in the card notation without commenting them twice', () => {
    assert.strictEqual(codeText('# EnterprisePublishing = <tenant URL>/_wmcs/licensing'), '# EnterprisePublishing = [tenant URL]/_wmcs/licensing');
  });

  it('one note for consecutive guarded lines; CRLF and control characters do not reach the clipboard', () => {
    assert.strictEqual(codeText('a <x>\r\nb <y>\u0007\nc'), `${PLACEHOLDER_NOTE}\n# a [x]\n# b [y]\nc`);
  });
});

// ---- the cards --------------------------------------------------------------------------------

describe('cards built from data show it exactly', () => {
  it('no step card of the flow shows an <…> placeholder anywhere (text, code or fallback)', () => {
    for (const node of FLOW.nodes) {
      const a = nodeCard(node, { caseId: 'c', ctx: {}, branchSymptom: 'A' });
      for (const t of allTexts(a)) assert.doesNotMatch(t, ANGLE_PLACEHOLDER, `${node.id}: ${t}`);
    }
  });

  it('the fix card: each CodeBlock falls back to a TextRun (no Markdown) with the very same text', () => {
    const d = diagnose(fixture('registry', 'missing-enterprise-publishing.txt'), {});
    const a = diagnosisCard(d);
    const blocks = elementsOfType(a.content, 'CodeBlock');
    assert.ok(blocks.length > 0, 'the card has fix commands');
    const purge = blocks.map((b) => String(b.codeSnippet)).find((c) => c.includes('S-1-5-18'));
    assert.ok(purge, 'the purge command is on the card');
    assert.match(purge, /^Remove-Item "C:\\ProgramData\\Microsoft\\DRM\\Server\\S-1-5-18\\\*" -Recurse -Force$/m);
    assert.match(purge, /^# On EACH Exchange server \(elevated PowerShell\):$/m);
    for (const b of blocks) {
      const fb = b.fallback as { type: string; inlines: { type: string; text: string; fontType: string }[] };
      assert.strictEqual(fb.type, 'RichTextBlock');
      assert.deepStrictEqual(fb.inlines, [{ type: 'TextRun', text: b.codeSnippet, fontType: 'Monospace' }]);
    }
  });

  it('a ticket shows what the requester and engineers typed, as typed', () => {
    const state = newCase(FLOW, 'case-1', new Date('2026-11-26T10:00:00Z'));
    const at = '2026-11-26T10:00:00.000Z';
    const note = '**urgent** <b>Berlin</b>\n# since Monday\n- OWA\n1. Outlook';
    const ticket: TicketRecord = {
      id: 'IRM-7', number: 7, caseId: 'case-1', requester: { id: '29:a', name: 'Alex_Admin*', conversationId: 'a:1' }, severity: 'normal',
      note, branch: 'A', state: 'resolved', assignee: { id: '29:e', name: '[Eng](http://x)' }, infoRequest: 'Paste `Get-IRMConfiguration` & <output>',
      resolution: 'Removed S-1-5-18\\* cache', channel: { serviceUrl: 'https://smba.example/', channelId: '19:h@thread.tacv2', teamId: '19:t', tenantId: 't', botId: '28:b' },
      thread: null, timeline: [{ at, actor: { id: '29:e', name: '[Eng](http://x)' }, action: 'info-requested', text: '> please paste *all* of it' }],
      createdAt: at, updatedAt: at,
    };
    const a = ticketCard({ ticket, state, pastes: [], flowNodes: FLOW.nodes, members: [] });
    const seen = markdownTexts(a).map(shown).join('\n');
    for (const typed of [note, 'Alex_Admin*', '[Eng](http://x)', 'Paste `Get-IRMConfiguration` & <output>', 'Removed S-1-5-18\\* cache', '> please paste *all* of it']) {
      assert.ok(seen.includes(typed), `the card shows ${JSON.stringify(typed)}`);
    }
    const raw = markdownTexts(a).join('\n');
    assert.ok(!raw.includes('**urgent**') && !/(^|[^\\])<b>/.test(raw) && !/^# since/m.test(raw) && !/^- OWA/m.test(raw), 'nothing typed is read as Markdown');
  });

  it('a reminder shows the text the user typed, as typed', () => {
    const r: ReminderRecord = {
      id: 'rem-1', kind: 'follow-up', conversationId: 'a:1', userId: 'u', caseId: null, nodeId: null, ticketId: null, text: 'check the *purge* of <S-1-5-18>\\*',
      timeZone: 'UTC', dueAt: '2026-11-26T10:00:00.000Z', notBefore: null, state: 'pending', lease: null, attempts: 0, repeats: 0, late: false,
      lastError: null, sentAt: null, createdAt: '2026-11-26T10:00:00.000Z',
    };
    const texts = markdownTexts(reminderCard({ reminder: r, caseLine: null, stepOpen: false }));
    assert.ok(texts.some((t) => shown(t) === r.text && t !== r.text), texts.join(' | '));
  });
});
