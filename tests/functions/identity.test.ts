import {
  accountIdForOpenid,
  identityFromCloudCall,
  signLocalToken,
  verifyLocalToken,
} from '../../cloudfunctions/shared/identity';

describe('identity from the CloudBase call context', () => {
  const base = {
    request_id: 'r',
    function_name: 'account',
    namespace: 'ns',
    memory_limit_in_mb: 256,
    time_limit_in_ms: 3000,
    function_version: '$LATEST',
  };

  test.each([
    [
      'old runtime, environ string',
      { ...base, environ: 'WX_CONTEXT_KEYS=WX_OPENID,WX_APPID;WX_OPENID=oAbc123;WX_APPID=wx1' },
      'oAbc123',
    ],
    [
      'new runtime, environment JSON',
      { ...base, environment: JSON.stringify({ WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: 'oNew9' }) },
      'oNew9',
    ],
  ])('%s gives the verified OPENID', (_label, context, openid) => {
    expect(identityFromCloudCall(context)).toEqual({ kind: 'wechat', openid });
  });

  test.each([
    ['a timer (no OPENID)', { ...base, environ: 'WX_CONTEXT_KEYS=WX_APPID;WX_APPID=wx1' }],
    ['an empty OPENID', { ...base, environ: 'WX_CONTEXT_KEYS=WX_OPENID;WX_OPENID=' }],
    ['an unreadable context', { ...base, environment: '{oops' }],
    ['no context at all', undefined],
  ])('%s is nobody', (_label, context) => {
    expect(identityFromCloudCall(context)).toBeNull();
  });

  test('one openid, one account id; different openids, different ids', () => {
    expect(accountIdForOpenid('oAbc')).toBe(accountIdForOpenid('oAbc'));
    expect(accountIdForOpenid('oAbc')).not.toBe(accountIdForOpenid('oAbd'));
    expect(accountIdForOpenid('oAbc')).toMatch(/^wx_[0-9a-f]{32}$/);
  });
});

describe('local tokens', () => {
  const now = Date.UTC(2026, 10, 23);
  test('a token verifies with its secret only, and not after it expires', () => {
    const t = signLocalToken('s1', 'demo-a', now);
    expect(verifyLocalToken('s1', t, now + 1000)).toEqual({ kind: 'local', accountId: 'demo-a' });
    expect(verifyLocalToken('s2', t, now)).toBeNull();
    expect(verifyLocalToken('s1', t, now + 31 * 24 * 3600 * 1000)).toBeNull();
  });
  test.each([undefined, '', '.', 'a.b', 'a.b.c', 'x'.repeat(2000), '🙂.🙂'])('%p is refused', (t) => {
    expect(verifyLocalToken('s1', t, now)).toBeNull();
  });
});
