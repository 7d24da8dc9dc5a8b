// What `forget me` needs from the host: deleting everything stored about a user, across the whole
// store (src/bot/storage/forgetUser.ts).

/** What `forget me` deleted. */
export interface ForgetCounts {
  cases: number;
  pastes: number;
  reminders: number;
  conversations: number;
  tickets: number;
}

/** `forget me`: deletes what is stored about a user (their cases, pastes, reminders, records; tickets become stubs). */
export type ForgetUser = (userId: string) => Promise<ForgetCounts>;
