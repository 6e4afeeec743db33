// Preloaded by test/bench/workbook-memory.mjs (node --require): writes the process's peak
// resident set size (kilobytes, getrusage) to PEERPLAN_MAX_RSS_FILE when it exits.
'use strict';
const file = process.env.PEERPLAN_MAX_RSS_FILE;
if (file) process.on('exit', () => require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS)));
