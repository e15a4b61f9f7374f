// Preloaded into a benchmarked child (`node --import`): reports its peak RSS on exit.
import { writeSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const target = process.env.LEADSCORE_RSS_FD;
process.on('exit', () => {
  // Reader threads load this too; the process's peak RSS is reported once, by the main thread.
  if (target === undefined || !isMainThread) return;
  writeSync(Number(target), `${process.resourceUsage().maxRSS}\n`);
});
