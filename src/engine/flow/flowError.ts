/** A flow.json mistake, named by node (or shared node and branch), found at start-up and in the tests. */
export class FlowError extends Error {
  constructor(message: string) {
    super(`Invalid flow: ${message}`);
    this.name = 'FlowError';
  }
}
