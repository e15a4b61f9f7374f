// Preloaded into a benchmarked child (`node --import`): reports its peak RSS on exit.
import { writeSync } from 'node:fs';

const target = process.env.LEADSCORE_RSS_FD;
process.on('exit', () => {
  if (target === undefined) return;
  writeSync(Number(target), `${process.resourceUsage().maxRSS}\n`);
});
