import { createInterface } from 'node:readline/promises';
import { CtoError } from '../diagnostics/error.js';

/** Asks as Terraform does; refuses to ask when nobody can answer. */
export async function confirmApply(): Promise<boolean> {
  if (!process.stdin.isTTY) {
    throw new CtoError({ severity: 'error', message: 'cannot ask for confirmation: standard input is not a terminal', hint: 'review the plan and pass --auto-approve, or apply a saved plan file' });
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question('\nDo you want to perform these actions?\n  Only "yes" will be accepted: ');
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}
