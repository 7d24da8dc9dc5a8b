// The first thing an admin sees: what the bot is for and the two symptoms of the article.
export const SYMPTOMS = [
  'Users cannot use Exchange IRM features, like OWA',
  'The admin cannot enable the IRM integration in Exchange',
] as const;

export function greetingText(): string {
  return [
    "Hi, I'm **IRM Doctor**. I help you fix Exchange IRM with the Azure Rights Management connector.",
    '',
    'Which symptom do you see?',
    `1. ${SYMPTOMS[0]}`,
    `2. ${SYMPTOMS[1]}`,
    '',
    'You can also paste the output of a command at any time (Get-IRMConfiguration | fl, Test-IRMConfiguration, reg query of the RMS keys, the connector event log, Get-ExchangeServer, certutil -verify …) and I will diagnose it.',
  ].join('\n');
}
