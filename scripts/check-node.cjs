// Runs before `npm install`: better-sqlite3 13 crashes on Node < 22 instead of failing cleanly,
// so stop here with one clear line. Plain CommonJS on purpose: it must run on any old Node.
'use strict';
var major = Number(process.versions.node.split('.')[0]);
var minor = Number(process.versions.node.split('.')[1]);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write('petition-register needs Node.js 22.18 or newer (24 LTS recommended); this is Node ' + process.versions.node + '.\n');
  process.exit(1);
}
