import {
  parameters,
  referencedId,
  resource,
  resourcesOfType,
} from './support/stack';

interface HttpApiAuth {
  DefaultAuthorizer?: string;
  Authorizers?: Record<
    string,
    {
      IdentitySource?: string;
      JwtConfiguration?: { issuer?: unknown; audience?: unknown };
    }
  >;
}

interface FunctionEvent {
  Type: string;
  Properties: { ApiId?: unknown; Auth?: { Authorizer?: string } };
}

const auth = resource('HttpApi').Properties?.Auth as HttpApiAuth | undefined;

const routes = resourcesOfType('AWS::Serverless::Function').flatMap(
  ([logicalId, fn]) =>
    Object.entries(
      (fn.Properties?.Events ?? {}) as Record<string, FunctionEvent>,
    )
      .filter(([, event]) => event.Type === 'HttpApi')
      .map(([name, event]) => ({ route: `${logicalId}/${name}`, event })),
);

describe('the HTTP API', () => {
  it('checks a JWT of the stack issuer and audience by default', () => {
    const name = auth?.DefaultAuthorizer ?? '(no default authorizer)';
    const authorizer = auth?.Authorizers?.[name];

    expect(authorizer?.IdentitySource).toBe('$request.header.Authorization');
    expect(referencedId(authorizer?.JwtConfiguration?.issuer)).toBe(
      'JwtIssuer',
    );
    expect(authorizer?.JwtConfiguration?.audience).toEqual([
      { Ref: 'JwtAudience' },
    ]);
    expect(parameters.JwtIssuer?.Default).toBeUndefined();
    expect(parameters.JwtAudience?.Default).toBeUndefined();
  });

  it('serves every route through that API, none without the authorizer', () => {
    expect(routes.length).toBeGreaterThanOrEqual(3);
    for (const { route, event } of routes) {
      expect([route, referencedId(event.Properties.ApiId)]).toEqual([
        route,
        'HttpApi',
      ]);
      expect([route, event.Properties.Auth?.Authorizer]).toEqual([
        route,
        undefined,
      ]);
    }
  });
});
