// The status rule, one definition for every kind (README, "The CLI contract"):
//   status says what THIS output shows. ok when what it shows is right (what else to paste goes in
//   `next`); problem only for what breaks IRM (a finding of severity problem); a recommendation is a
//   warning finding on an ok paste; incomplete when it is the right output but too little of it to
//   judge; wrong_input when it is not output this troubleshooting can use.
import type { Finding, Status } from './types';

export type Shape = 'complete' | 'incomplete' | 'wrong_input';

export function statusOf(shape: Shape, findings: readonly Finding[]): Status {
  if (shape === 'wrong_input') return 'wrong_input';
  if (findings.some((f) => f.severity === 'problem')) return 'problem';
  return shape === 'incomplete' ? 'incomplete' : 'ok';
}
