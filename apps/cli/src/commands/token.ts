import { parseArgs } from 'node:util';
import { mintToken } from '@snapshots/api-server';
import type { Command } from './command';
import { UsageError } from './usage-error';

export const token: Command = {
  summary: 'mint a local API token (--school ID | --region ID | --admin)',

  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        school: { type: 'string', multiple: true },
        region: { type: 'string', multiple: true },
        admin: { type: 'boolean', default: false },
        hours: { type: 'string', default: '1' },
      },
    });
    if (!values.school && !values.region && !values.admin) {
      throw new UsageError('token needs --school ID, --region ID or --admin');
    }
    const hours = Number(values.hours);
    if (!Number.isFinite(hours) || hours <= 0 || hours > 24) {
      throw new UsageError('--hours must be a number from 0 to 24');
    }

    const signed = await mintToken(
      {
        schools: values.school,
        regions: values.region,
        admin: values.admin || undefined,
      },
      { expiresInSeconds: Math.round(hours * 3600) },
    );
    process.stdout.write(signed + '\n');
    return 0;
  },
};
