// Preloaded (node --import) into a child the bench times: writes the process's peak resident
// memory in kilobytes to PETREG_PEAK_MEMORY_FILE when it exits.
import fs from 'node:fs';

const target = process.env.PETREG_PEAK_MEMORY_FILE;
if (target) {
  process.on('exit', () => {
    fs.writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
