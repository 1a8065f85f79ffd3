import { afterEach, describe, expect, it } from 'vitest';
import { HookbenchError } from '../../src-main/api/errors';
import { WebhookService } from '../../src-main/engine/webhooks/webhookService';
import { subscriptionMatches } from '../../src-main/engine/webhooks/subscriptions';
import { startTestEngine, type TestEngine } from '../support/engineHarness';

const countWebhooks = (t: TestEngine) =>
  (t.sender.store.db.prepare('SELECT COUNT(*) AS n FROM webhooks').get() as { n: number }).n;

function expectFieldError(fn: () => unknown, field: string, message?: RegExp) {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(HookbenchError);
  const e = error as HookbenchError;
  expect(e.code).toBe('validation');
  expect(e.field).toBe(field);
  if (message) expect(e.message).toMatch(message);
}

describe('webhooks', () => {
  let t: TestEngine;
  afterEach(async () => t?.cleanup());

  it('creates a webhook with every field and sensible defaults', () => {
    t = startTestEngine();
    const w = t.sender.webhooks.create({ url: 'https://example.com/hooks', subscriptions: ['user.*'] });
    expect(w).toMatchObject({
      workspaceId: 'ws_default',
      name: 'example.com',
      description: '',
      url: 'https://example.com/hooks',
      subscriptions: ['user.*'],
      enabled: true,
      scheme: 'standard',
      headers: {},
      timeoutSec: 30,
      retryPolicy: { preset: 'exponential', jitter: true },
      consecutiveFailures: 0,
      lastSuccessAt: null,
      lastFailureAt: null,
      disabledReason: null,
      previousSecret: null,
    });
    expect(t.sender.webhooks.get(w.id)).toEqual(w);
  });

  it('generates secrets: whsec_ + base64 of 32 bytes for standard, a random 32-byte string otherwise', () => {
    t = startTestEngine();
    const std = t.sender.webhooks.create({ url: 'http://a.test/', subscriptions: ['*'] });
    expect(std.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(std.secret.slice(6), 'base64')).toHaveLength(32);
    const gh = t.sender.webhooks.create({ url: 'http://a.test/', subscriptions: ['*'], scheme: 'github' });
    expect(gh.secret.length).toBeGreaterThanOrEqual(32);
    expect(gh.secret).not.toBe(
      t.sender.webhooks.create({ url: 'http://a.test/', subscriptions: ['*'], scheme: 'github' }).secret,
    );
  });

  it.each([
    ['non-http URL', { url: 'ftp://example.com/x', subscriptions: ['*'] }, 'url', /http or https/],
    ['malformed URL', { url: 'not a url', subscriptions: ['*'] }, 'url', /not a valid URL/],
    ['missing URL', { subscriptions: ['*'] }, 'url', undefined],
    [
      'unknown scheme',
      { url: 'http://a.test', subscriptions: ['*'], scheme: 'md5' },
      'scheme',
      /scheme must be one of/,
    ],
    [
      'secret the scheme cannot use',
      { url: 'http://a.test', subscriptions: ['*'], scheme: 'standard', secret: 'plain-text' },
      'secret',
      undefined,
    ],
    [
      'timeout below range',
      { url: 'http://a.test', subscriptions: ['*'], timeoutSec: 0 },
      'timeoutSec',
      /at least 1 s/,
    ],
    [
      'timeout above range',
      { url: 'http://a.test', subscriptions: ['*'], timeoutSec: 121 },
      'timeoutSec',
      /at most 120 s/,
    ],
    ['empty subscriptions', { url: 'http://a.test', subscriptions: [] }, 'subscriptions', /at least one/],
    ['bad subscription pattern', { url: 'http://a.test', subscriptions: ['user.*.x y'] }, 'subscriptions.0', undefined],
    [
      'bad header name',
      { url: 'http://a.test', subscriptions: ['*'], headers: { 'bad header': 'x' } },
      'headers.bad header',
      undefined,
    ],
    [
      'unknown preset',
      { url: 'http://a.test', subscriptions: ['*'], retryPolicy: { preset: 'sometimes' } },
      'retryPolicy.preset',
      undefined,
    ],
  ])('rejects %s with a field error and writes nothing', (_name, input, field, message) => {
    t = startTestEngine();
    expectFieldError(() => t.sender.webhooks.create(input as never), field, message);
    expect(countWebhooks(t)).toBe(0);
  });

  it('rejects unknown ids with not_found', () => {
    t = startTestEngine();
    expect(() => t.sender.webhooks.get('wh_nope')).toThrow(expect.objectContaining({ code: 'not_found', field: 'id' }));
    expect(() => t.sender.webhooks.update({ id: 'wh_nope', name: 'x' })).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
    expect(() => t.sender.webhooks.delete('wh_nope')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() =>
      t.sender.webhooks.create({ url: 'http://a.test', subscriptions: ['*'], workspaceId: 'ws_nope' }),
    ).toThrow(expect.objectContaining({ code: 'not_found', field: 'workspaceId' }));
  });

  it('updates fields, validates updates and leaves the row unchanged on bad input', () => {
    t = startTestEngine();
    const w = t.sender.webhooks.create({ url: 'http://a.test', subscriptions: ['*'] });
    const u = t.sender.webhooks.update({
      id: w.id,
      name: 'Renamed',
      timeoutSec: 5,
      headers: { 'X-Env': 'dev' },
      retryPolicy: { delays: [1, 2], jitter: false },
    });
    expect(u).toMatchObject({
      name: 'Renamed',
      timeoutSec: 5,
      headers: { 'X-Env': 'dev' },
      retryPolicy: { delays: [1, 2], jitter: false },
    });
    expectFieldError(() => t.sender.webhooks.update({ id: w.id, url: 'javascript:alert(1)' }), 'url');
    expect(t.sender.webhooks.get(w.id)).toEqual(t.sender.webhooks.get(w.id));
    expect(t.sender.webhooks.get(w.id).url).toBe('http://a.test');
  });

  it('rotates the secret and keeps the previous one for the grace period (24 h by default)', () => {
    t = startTestEngine();
    const w = t.sender.webhooks.create({ url: 'http://a.test', subscriptions: ['*'] });
    const before = Date.now();
    const r = t.sender.webhooks.rotateSecret(w.id);
    expect(r.secret).not.toBe(w.secret);
    expect(r.previousSecret).toBe(w.secret);
    expect(r.previousSecretExpiresAt! - before).toBeGreaterThanOrEqual(24 * 3600 * 1000 - 1000);
    expect(WebhookService.signingSecrets(r)).toEqual([r.secret, w.secret]);
    expect(WebhookService.signingSecrets(r, r.previousSecretExpiresAt! + 1)).toEqual([r.secret]);
  });

  it('deletes a webhook', () => {
    t = startTestEngine();
    const w = t.sender.webhooks.create({ url: 'http://a.test', subscriptions: ['*'] });
    t.sender.webhooks.delete(w.id);
    expect(t.sender.webhooks.list()).toEqual([]);
  });

  it('matches exact, prefix.* and * subscriptions', () => {
    expect(subscriptionMatches('user.created', 'user.created')).toBe(true);
    expect(subscriptionMatches('user.created', 'user.deleted')).toBe(false);
    expect(subscriptionMatches('user.*', 'user.deleted')).toBe(true);
    expect(subscriptionMatches('user.*', 'users.deleted')).toBe(false);
    expect(subscriptionMatches('*', 'anything.at_all')).toBe(true);
  });
});
