/**
 * Points the SDK of this test file at local stand-ins: region, dummy
 * credentials and the given endpoint variables. Restores process.env
 * after the file.
 */
export function useAwsEnvironment(
  environment: () => Record<string, string>,
): void {
  const saved = { ...process.env };

  beforeAll(() => {
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      ...environment(),
    });
  });

  afterAll(() => {
    process.env = saved;
  });
}
