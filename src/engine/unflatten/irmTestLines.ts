// Restores a flattened Test-IRMConfiguration paste: `Results :`, each `- PASS:/FAIL:/WARNING:`, the
// exception's dash lines, `OVERALL RESULT` and a task after a finished sentence start lines again.
const RESULT_OR_END = /(\S) {1,40}(?=(?:\\?- {0,4}(?:PASS|FAIL|WARNING) {0,2}:|OVERALL {1,3}RESULT {0,2}:|-{40}(?:\s|$)))/g;
const AFTER_DASHES = /(-{40}) {1,40}(?=\S)/g;
const TASK = /([.!]) {1,40}(?=(?:Checking|Loading|Retrieving|Verifying|Acquiring|Creating) )/g;
const RESULTS_LABEL = /(\S) {1,4}(?=Results {0,4}: )/;

// PowerShell's prompt for the mandatory -Sender.
const SENDER_PROMPT = /(\S) {1,8}(?=cmdlet Test-IRMConfiguration at command pipeline|Supply values for the following parameters:|Sender: {0,4}$)/g;

export function restoreLines(flat: string): string | null {
  if (flat.indexOf('at command pipeline position') !== -1) return flat.replace(SENDER_PROMPT, '$1\n');
  if (!/(?:^|\s)\\?- {0,4}(?:PASS|FAIL|WARNING) {0,2}:/.test(flat) && !/OVERALL {1,3}RESULT {0,2}:/.test(flat)) return null;
  return flat.replace(RESULTS_LABEL, '$1\n').replace(RESULT_OR_END, '$1\n').replace(AFTER_DASHES, '$1\n').replace(TASK, '$1\n');
}
