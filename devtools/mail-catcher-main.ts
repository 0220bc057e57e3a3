// The development mail catcher as its own process (npm start runs it): SMTP in, JSON files out.
import { configOrExit } from '../config';
import { startMailCatcher } from './mail-catcher';

async function main() {
  const config = configOrExit();
  const catcher = await startMailCatcher({ port: config.mail.catcherPort, dir: config.mail.catcherDir });
  console.log(`mail catcher: SMTP on 127.0.0.1:${catcher.port}, messages in ${config.mail.catcherDir}`);
  const stop = () => catcher.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  console.error('mail catcher failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
