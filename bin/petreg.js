#!/usr/bin/env node
// `petreg`: the register's command line. Runs the TypeScript sources directly (Node >= 22.18
// strips types), so a checkout needs no build step. Plain JavaScript here so that an old Node
// gets one clear line instead of a syntax error.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`petreg cần Node.js 22.18 trở lên (khuyên dùng 24 LTS); máy này đang chạy Node ${process.versions.node}.\n`);
  process.exit(2);
}
process.removeAllListeners('warning');
// Output read by a program that stops early (`petreg search … | head`): the rest is not wanted, and
// the work is done (an import has committed before it prints). End quietly, not with a stack trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
