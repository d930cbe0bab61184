import {
  GenerateEmbedUrlForAnonymousUserCommand,
  GenerateEmbedUrlForRegisteredUserCommand,
} from '@aws-sdk/client-quicksight';

import {
  QuickSightEmbedUrls,
  type QuickSightEmbedClient,
  type QuickSightEmbedUrlsOptions,
} from './quicksight-embed-urls';
import {
  EmbedUrlError,
  InvalidParameterError,
  QuickSightUrlError,
} from './quicksight-url-error';
import { sessionTagsFromParameters } from './session-tags';

const embedUrl = 'https://eu-west-1.quicksight.aws.amazon.com/embed/t?code=c';

function fakeClient(answer: () => Promise<{ EmbedUrl?: string }>) {
  const send = jest.fn<
    ReturnType<QuickSightEmbedClient['send']>,
    Parameters<QuickSightEmbedClient['send']>
  >(answer);
  return { client: { send }, send };
}

describe('QuickSightEmbedUrls', () => {
  it('asks for a registered user session and adds the fragment', async () => {
    // Prepare
    const { client, send } = fakeClient(() =>
      Promise.resolve({ EmbedUrl: embedUrl }),
    );
    const source = new QuickSightEmbedUrls({
      client,
      accountId: '123456789012',
      region: 'eu-west-1',
      viewer: { kind: 'registered', userArn: 'arn:aws:quicksight:user/x' },
    });

    // Act
    const url = await source.embedUrl(
      { dashboardId: 'dash-1' },
      {
        School: ['s-001'],
      },
    );

    // Assess
    expect(url).toBe(`${embedUrl}#p.School=s-001`);
    const command = send.mock.calls[0]?.[0];
    expect(command).toBeInstanceOf(GenerateEmbedUrlForRegisteredUserCommand);
    expect(command?.input).toEqual({
      AwsAccountId: '123456789012',
      UserArn: 'arn:aws:quicksight:user/x',
      SessionLifetimeInMinutes: 15,
      ExperienceConfiguration: {
        Dashboard: { InitialDashboardId: 'dash-1' },
      },
    });
  });

  it('asks for an anonymous session tagged for row-level security', async () => {
    // Prepare
    const { client, send } = fakeClient(() =>
      Promise.resolve({ EmbedUrl: embedUrl }),
    );
    const source = new QuickSightEmbedUrls({
      client,
      accountId: '123456789012',
      region: 'eu-west-1',
      sessionLifetimeMinutes: 30,
      allowedDomains: ['https://reports.example.com'],
      viewer: {
        kind: 'anonymous',
        sessionTags: sessionTagsFromParameters({
          school: 'School',
          region: 'Region',
          measure: 'Measure',
        }),
      },
    });

    // Act
    const url = await source.embedUrl(
      { dashboardId: 'trends' },
      {
        School: ['s-001'],
        Measure: ['a b', 'c'],
        Year: ['[ALL]'],
      },
    );

    // Assess
    expect(url).toBe(
      `${embedUrl}#p.Measure=a%20b&p.Measure=c&p.School=s-001&p.Year=[ALL]`,
    );
    const command = send.mock.calls[0]?.[0];
    expect(command).toBeInstanceOf(GenerateEmbedUrlForAnonymousUserCommand);
    expect(command?.input).toEqual({
      AwsAccountId: '123456789012',
      Namespace: 'default',
      SessionLifetimeInMinutes: 30,
      AuthorizedResourceArns: [
        'arn:aws:quicksight:eu-west-1:123456789012:dashboard/trends',
      ],
      ExperienceConfiguration: {
        Dashboard: { InitialDashboardId: 'trends' },
      },
      AllowedDomains: ['https://reports.example.com'],
      SessionTags: [
        { Key: 'school', Value: 's-001' },
        { Key: 'measure', Value: 'a b,c' },
      ],
    });
  });

  it('translates an SDK failure into an EmbedUrlError with its cause', async () => {
    const failure = Object.assign(new Error('denied'), {
      name: 'AccessDeniedException',
    });
    const { client } = fakeClient(() => Promise.reject(failure));
    const source = new QuickSightEmbedUrls({
      client,
      accountId: '123456789012',
      region: 'eu-west-1',
      viewer: { kind: 'anonymous' },
    });

    const attempt = source.embedUrl({ dashboardId: 'dash-1' }, {});

    await expect(attempt).rejects.toThrow(EmbedUrlError);
    await expect(attempt).rejects.toMatchObject({
      dashboardId: 'dash-1',
      cause: failure,
      message: expect.stringContaining('AccessDeniedException') as string,
    });
  });

  it('refuses an answer without a URL', async () => {
    const { client } = fakeClient(() => Promise.resolve({}));
    const source = new QuickSightEmbedUrls({
      client,
      accountId: '123456789012',
      region: 'eu-west-1',
      viewer: { kind: 'anonymous' },
    });

    await expect(
      source.embedUrl({ dashboardId: 'dash-1' }, {}),
    ).rejects.toThrow(EmbedUrlError);
  });

  it('refuses a session lifetime QuickSight would reject', () => {
    expect(
      () =>
        new QuickSightEmbedUrls({
          client: fakeClient(() => Promise.resolve({})).client,
          accountId: '1',
          region: 'eu-west-1',
          viewer: { kind: 'anonymous' },
          sessionLifetimeMinutes: 5,
        }),
    ).toThrow(QuickSightUrlError);
  });
});

describe('QuickSightEmbedUrls.sessionKey', () => {
  const source = (viewer: QuickSightEmbedUrlsOptions['viewer']) =>
    new QuickSightEmbedUrls({
      client: fakeClient(() => Promise.resolve({})).client,
      accountId: '123456789012',
      region: 'eu-west-1',
      viewer,
    });
  const dashboard = { dashboardId: 'trends' };

  it('is one key for every school a registered user sees', () => {
    const urls = source({ kind: 'registered', userArn: 'arn:user/x' });

    expect(urls.sessionKey(dashboard, { School: ['s-001'] })).toBe(
      urls.sessionKey(dashboard, { School: ['s-002'] }),
    );
    expect(urls.sessionKey(dashboard, {})).not.toBe(
      urls.sessionKey({ dashboardId: 'other' }, {}),
    );
  });

  it('differs where the session tags, and so the rows shown, differ', () => {
    const urls = source({
      kind: 'anonymous',
      sessionTags: sessionTagsFromParameters({
        school: 'School',
        region: 'Region',
      }),
    });

    const first = urls.sessionKey(dashboard, {
      School: ['s-001'],
      Year: ['2023'],
    });

    expect(
      urls.sessionKey(dashboard, { School: ['s-001'], Year: ['2024'] }),
    ).toBe(first);
    expect(urls.sessionKey(dashboard, { School: ['s-002'] })).not.toBe(first);
    expect(
      urls.sessionKey(dashboard, { School: ['s-001'], Region: ['r-1'] }),
    ).not.toBe(first);
  });

  it('is one key per dashboard for an anonymous viewer without tags', () => {
    const urls = source({ kind: 'anonymous' });

    expect(urls.sessionKey(dashboard, { School: ['s-001'] })).toBe(
      urls.sessionKey(dashboard, { School: ['s-002'] }),
    );
  });
});

describe('sessionTagsFromParameters', () => {
  it('refuses values that would widen what the session sees', () => {
    const tags = sessionTagsFromParameters({ school: 'School' });

    expect(() => tags({ School: ['[ALL]'] })).toThrow(InvalidParameterError);
    expect(() => tags({ School: ['s-1,s-2'] })).toThrow(/s-1,s-2/);
    expect(() => tags({ School: ['*'] })).toThrow(InvalidParameterError);
    expect(tags({ School: ['s-1'] })).toEqual([
      { Key: 'school', Value: 's-1' },
    ]);
  });

  it('sends the match-all value for [ALL] where allowed and skips absent parameters', () => {
    const tags = sessionTagsFromParameters(
      { school: 'School', region: 'Region' },
      { matchAllValue: 'ALL', delimiter: '|', allowMatchAll: true },
    );

    expect(tags({ School: ['[ALL]'] })).toEqual([
      { Key: 'school', Value: 'ALL' },
    ]);
    expect(tags({ Region: ['r-1', 'r-2'] })).toEqual([
      { Key: 'region', Value: 'r-1|r-2' },
    ]);
  });
});
