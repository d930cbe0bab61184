import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { startApiServer } from '@snapshots/api-server';
import { bootEmbeddedService } from '@snapshots/embedded-service';
import { createLogger } from '@snapshots/logging';
import { assertChromiumInstalled } from '../flows/preflight';
import { defaultServiceFolder } from '../flows/service-folder';
import type { Command } from './command';
import { countOption, limits } from './options';

export const serve: Command = {
  summary: 'keep the API, the report server and the workers up (--port N)',

  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        port: { type: 'string', default: '0' },
        data: { type: 'string', default: defaultServiceFolder },
        campuses: { type: 'string', default: '24' },
      },
    });
    const port = countOption('port', values.port, { min: 0, max: 65_535 });
    const campuses = countOption('campuses', values.campuses, limits.campuses);
    assertChromiumInstalled();

    const logger = createLogger('serve', {});
    const service = await bootEmbeddedService({
      dataDir: values.data,
      campuses,
      logger,
    });
    const api = await startApiServer({
      port,
      environment: service.environment,
      logger,
    });
    process.stdout.write(
      `listening on ${api.url}\n` +
        `report server on ${service.reportServer.url}\n` +
        'mint a token with: npm run snapshots -- token --school s-00001\n',
    );

    await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
    await api.stop();
    await service.stop();
    return 0;
  },
};
