// The Teams activity handler. Thin on purpose: it turns activities into text and hands the text to
// the engine; everything that decides anything lives in src/engine.
import { TeamsActivityHandler, type TurnContext } from 'botbuilder';
import { diagnose } from '../engine/diagnose';
import { formatReport } from '../engine/report';
import { greetingText } from './greeting';
import { inboundText } from './inboundText';
import { fitMessage } from './messageSize';

const GREETING = /^(hello|hi|hey|help|start|menu|\?)[\s!.]*$/i;
/** Larger pastes are read up to here: nobody's real output is this big, and a turn must answer within 15 s. */
export const MAX_PASTE_CHARS = 5 * 1024 * 1024;

export class IrmDoctorBot extends TeamsActivityHandler {
  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) {
        await context.sendActivity(greetingText());
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });
  }

  private async answer(context: TurnContext): Promise<void> {
    const text = inboundText(context);
    if (text === '' || GREETING.test(text)) {
      await context.sendActivity(greetingText());
      return;
    }
    // Any message holding a recognisable paste is diagnosed and answered with findings and fixes.
    const tooBig = text.length > MAX_PASTE_CHARS;
    const d = diagnose(tooBig ? text.slice(0, MAX_PASTE_CHARS) : text);
    if (tooBig) {
      await context.sendActivity(`That message is ${(text.length / 1048576).toFixed(1)} MB; I read the first 5 MB only. ` +
        'Paste just the output of one command, or upload it as a .txt file.');
    }
    if (d.detected === 'unknown' && text.length < 300) {
      await context.sendActivity(`I did not recognise that as command output. ${d.next}\n\nType **help** to see what I can do.`);
      return;
    }
    await context.sendActivity({ type: 'message', text: fitMessage(formatReport(d, 'markdown')), textFormat: 'markdown' });
  }
}
