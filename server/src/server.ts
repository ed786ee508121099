import { buildApp, DEMO_ACCOUNTS } from './app.js';
import { readConfig } from './config.js';
import { filesOpenToOthers } from './db/connection.js';

// The entry point only reads the configuration, listens, and shuts down cleanly.
let config: ReturnType<typeof readConfig>;
let app: Awaited<ReturnType<typeof buildApp>>;
try {
  // A bad setting (JINDU_TRUST_PROXY=2, PORT=x) is said in one line, like a database that cannot open.
  config = readConfig();
  app = await buildApp({
    dbPath: config.dbPath,
    publicRead: config.publicRead,
    demo: config.demo,
    demoReview: config.demo,
    publicDocs: config.publicDocs,
    trustProxy: config.trustProxy,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
  });
} catch (error) {
  console.error(`Jindu cannot start: ${(error as Error).message}`);
  process.exit(1);
}
await app.listen({ port: config.port, host: config.host });
const address = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}/`;
console.log(`\nJindu is serving the dashboard at ${address}\n  database: ${config.dbPath}\n  API docs: ${address}api/docs`);
console.log(`  reading: ${config.publicRead ? 'open to anyone (JINDU_PUBLIC_READ=true)' : 'sign-in required'}\n`);
const open = filesOpenToOthers(config.dbPath);
if (open.length > 0) {
  console.warn(`  WARNING: readable or writable by others than the owner: ${open.join(', ')} (chmod 600)\n`);
}
if (app.demoAccountsFound > 0) {
  console.warn(
    `WARNING: this database holds ${app.demoAccountsFound} demo account(s) from a demo-mode start (npm start).` +
      '\n  Outside demo mode they cannot sign in and their sessions have ended. A demo database is not meant for real' +
      '\n  use: give a real installation its own JINDU_DB file, with accounts from `npm run user:create`.\n',
  );
}
if (config.demo) {
  const bar = '!'.repeat(78);
  console.log(`${bar}\n!! DEMO MODE: demo accounts with the published passwords below can sign in and write.`);
  for (const a of DEMO_ACCOUNTS) console.log(`!!   ${a.role.padEnd(12)} ${a.name.padEnd(20)} password: ${a.password}`);
  console.log('!! Never expose a demo server. For real use: `npm run build && npm run serve`,');
  console.log(`!! with accounts from \`npm run user:create\`.\n${bar}\n`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
