// Keeps the npm package's version the Maven project's: the build runs this before anything else
// (exec-maven-plugin, phase validate) with the project's version. "check" (the default) fails the
// build when package.json or package-lock.json says otherwise; "write" sets both to it.
//
//   node scripts/version.mjs 0.2.0 check
//   node scripts/version.mjs 0.2.0 write
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [, , expected, mode = 'check'] = process.argv;
if (!expected || !['check', 'write'].includes(mode)) {
  console.error('usage: node scripts/version.mjs <maven version> [check|write]');
  process.exit(2);
}

const root = new URL('..', import.meta.url);
const files = {
  'package.json': (json) => [json, 'version'],
  'package-lock.json': (json) => [json, 'version', json.packages?.[''], 'version'],
};

const wrong = [];
for (const [name, places] of Object.entries(files)) {
  const path = fileURLToPath(new URL(name, root));
  const text = readFileSync(path, 'utf8');
  const json = JSON.parse(text);
  const spots = places(json);
  let changed = false;
  for (let i = 0; i < spots.length; i += 2) {
    const holder = spots[i];
    const key = spots[i + 1];
    if (!holder || holder[key] === expected) continue;
    if (mode === 'write') {
      holder[key] = expected;
      changed = true;
    } else {
      wrong.push(`${name}${i > 0 ? ' (packages[""])' : ''} says ${JSON.stringify(holder[key])}`);
    }
  }
  if (changed) {
    writeFileSync(path, JSON.stringify(json, null, 2) + (text.endsWith('\n') ? '\n' : ''));
    console.log(`${name}: version set to ${expected}`);
  }
}

if (wrong.length) {
  console.error(
    `The npm package's version must be the Maven project's, ${expected}, but ${wrong.join(' and ')}.\n` +
      `Set it with: mvn -pl ticketing-web validate -Dweb.version.mode=write ` +
      `(or node ticketing-web/scripts/version.mjs ${expected} write)`,
  );
  process.exit(1);
}
