import { z } from 'zod';
import { ConfigError, fields, readConfig } from './index';

const schema = z.object({
  TABLE_NAME: fields.text(),
  SLOTS: fields.integer(1, 16).default(2),
  DEBUG: fields.flag().default(false),
});

describe('readConfig', () => {
  it('parses and types the variables it is given', () => {
    const config = readConfig(schema, { TABLE_NAME: 'snaps', SLOTS: '4' });

    expect(config).toEqual({ TABLE_NAME: 'snaps', SLOTS: 4, DEBUG: false });
  });

  it('names every variable that is missing or bad', () => {
    const read = () => readConfig(schema, { SLOTS: '99', DEBUG: 'yes' });

    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/TABLE_NAME is required/);
    expect(read).toThrow(/SLOTS must be at most 16/);
    expect(read).toThrow(/DEBUG must be true or false/);
  });

  it('says a variable that is not a number is bad, not missing', () => {
    const read = () => readConfig(schema, { TABLE_NAME: 'snaps', SLOTS: 'x' });

    expect(read).toThrow(/SLOTS must be a whole number/);
    expect(read).not.toThrow(/SLOTS is required/);
  });
});
