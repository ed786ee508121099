import { parseArgs } from 'node:util';
import { hashPassword, passwordProblem } from '../auth/password.js';
import { readConfig } from '../config.js';
import { prepareDatabase } from '../db/setup.js';
import type { Role } from '../domain/permissions.js';
import { createRepositories } from '../repositories/index.js';

// `npm run user:create -- --role admin --name wang [--display-name 王] [--region 141100 …]`
// The password comes from JINDU_ADMIN_PASSWORD (for scripted installs) or is asked for on the terminal.

const USAGE =
  'usage: npm run user:create -- --role viewer|statistician|reporter|reviewer|admin --name NAME [--display-name TEXT] [--region CODE …] [--unit ID]';

async function askPassword(prompt: string): Promise<string> {
  const { stdin, stdout } = process;
  if (!stdin.isTTY) throw new Error('No terminal to ask for the password on: set JINDU_ADMIN_PASSWORD.');
  stdout.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let password = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          stdout.write('\n');
          resolve(password);
          return;
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          reject(new Error('cancelled'));
          return;
        }
        if (ch === '\u007f') password = password.slice(0, -1);
        else password += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      'display-name': { type: 'string' },
      region: { type: 'string', multiple: true },
      unit: { type: 'string' },
    },
  });
  const role = values.role as Role | undefined;
  if (!role || !['viewer', 'statistician', 'reporter', 'reviewer', 'admin'].includes(role) || !values.name)
    throw new Error(USAGE);
  const unitId = values.unit === undefined ? null : Number(values.unit);
  if (unitId !== null && !(Number.isInteger(unitId) && unitId > 0)) throw new Error(USAGE);
  if (role === 'reporter' && unitId === null) throw new Error('A reporter needs a unit: --unit ID.');
  const password =
    process.env.JINDU_ADMIN_PASSWORD ??
    (await (async () => {
      const first = await askPassword(`Password for ${values.name}: `);
      const second = await askPassword('Again: ');
      if (first !== second) throw new Error('The two passwords differ.');
      return first;
    })());
  const problem = passwordProblem(password);
  if (problem)
    throw new Error(
      problem === 'password_too_short' ? 'The password needs at least 10 characters.' : 'The password is too long.',
    );

  const { dbPath } = readConfig();
  const { db } = prepareDatabase(dbPath);
  try {
    const repos = createRepositories(db);
    if (repos.users.byName(values.name)) throw new Error(`An account named "${values.name}" exists already.`);
    const regions = values.region ?? [];
    for (const r of regions) if (!repos.reference.regionExists(r)) throw new Error(`No region with code ${r}.`);
    if (unitId !== null && !repos.units.byId(unitId)) throw new Error(`No unit with id ${unitId}.`);
    const passwordHash = await hashPassword(password);
    const now = new Date().toISOString();
    const id = db.transaction(() => {
      const newId = repos.users.create(
        {
          name: values.name as string,
          displayName: values['display-name'] ?? values.name ?? '',
          role,
          regions,
          unitId,
          passwordHash,
        },
        now,
      );
      repos.audit.record(
        {
          actor: 'command line',
          action: 'user.create',
          entity: 'user',
          entityId: String(newId),
          before: null,
          after: { name: values.name, role, regions, unitId },
          origin: 'cli',
        },
        now,
      );
      return newId;
    })();
    console.log(`Created ${role} "${values.name}" (id ${id}) in ${dbPath}.`);
  } finally {
    db.close();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
