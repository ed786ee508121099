import { buildApp } from './app.js';
import { readConfig } from './config.js';

// The entry point only reads the configuration, listens, and shuts down cleanly.
const config = readConfig();
let app: Awaited<ReturnType<typeof buildApp>>;
try {
  app = await buildApp({ dbPath: config.dbPath, logger: { level: process.env.LOG_LEVEL ?? 'info' } });
} catch (error) {
  console.error(`Jindu cannot start: ${(error as Error).message}`);
  process.exit(1);
}
await app.listen({ port: config.port, host: config.host });
const address = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}/`;
console.log(`\nJindu is serving the dashboard at ${address}\n  database: ${config.dbPath}\n  API docs: ${address}api/docs\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
