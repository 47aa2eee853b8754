// The yes/no question before apply, worded like Terraform's: only `yes` approves, so a stray
// Enter or `y` never applies anything.

import { createInterface } from 'node:readline/promises';

export const APPLY_QUESTION = "Do you want to apply these changes? Only 'yes' will be accepted:";

export interface ConfirmOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

/** Asks once; true only for the answer `yes`. Callers check for a TTY first: this waits for input. */
export async function confirm(
  question: string = APPLY_QUESTION,
  options: ConfirmOptions = {},
): Promise<boolean> {
  const rl = createInterface({
    input: options.input ?? process.stdin,
    output: options.output ?? process.stdout,
    terminal: false,
  });
  try {
    const answer = await new Promise<string>((resolve) => {
      // End of input (Ctrl-D, a closed pipe) is a refusal, not a hang.
      rl.once('close', () => resolve(''));
      rl.question(`${question} `).then(resolve, () => resolve(''));
    });
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}

/** Whether a prompt may be shown: stdin and stdout are terminals and CI is not set. */
export function canPrompt(
  stdin: { isTTY?: boolean } = process.stdin,
  stdout: { isTTY?: boolean } = process.stdout,
): boolean {
  return stdin.isTTY === true && stdout.isTTY === true && !process.env.CI;
}
