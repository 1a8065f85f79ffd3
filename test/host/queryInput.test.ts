import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../src-main/api/contract';
import { parseInput } from '../../src-main/api/schemas';
import { queryToInput } from '../../src-main/host/queryInput';

const q = (s: string) => new URLSearchParams(s);

describe('query string as operation input', () => {
  it('turns numbers, booleans and lists into what the schema expects', () => {
    const schema = OPERATIONS['deliveries.list'].input;
    const input = queryToInput(
      q('status=failed,retrying&status=success&limit=5&from=1000&q=abc&token=secret'),
      schema,
      ['token'],
    );
    expect(input).toEqual({ status: ['failed', 'retrying', 'success'], limit: 5, from: 1000, q: 'abc' });
    expect(parseInput(schema, input)).toMatchObject({ status: ['failed', 'retrying', 'success'], limit: 5 });
  });

  it('reads a union field as whichever reading it accepts (404 as a number, 5xx as a string)', () => {
    const schema = OPERATIONS['deliveries.list'].input;
    expect(queryToInput(q('httpStatus=404'), schema)).toEqual({ httpStatus: 404 });
    expect(queryToInput(q('httpStatus=5xx'), schema)).toEqual({ httpStatus: '5xx' });
  });

  it('keeps strings that look like numbers as strings where the field is a string', () => {
    const schema = OPERATIONS['deliveries.list'].input;
    expect(queryToInput(q('q=123&eventType=true'), schema)).toEqual({ q: '123', eventType: 'true' });
  });

  it('reads booleans for boolean fields', () => {
    expect(queryToInput(q('unreadOnly=true&limit=10'), OPERATIONS['alerts.list'].input)).toEqual({
      unreadOnly: true,
      limit: 10,
    });
    expect(queryToInput(q('valid=false'), OPERATIONS['requests.list'].input)).toEqual({ valid: false });
  });

  it('passes a value no reading fits in its likely type, so validation names the field', () => {
    const schema = OPERATIONS['deliveries.list'].input;
    const input = queryToInput(q('limit=lots'), schema);
    expect(input).toEqual({ limit: 'lots' });
    expect(() => parseInput(schema, input)).toThrow(expect.objectContaining({ code: 'validation', field: 'limit' }));
    expect(queryToInput(q('limit=9999'), schema)).toEqual({ limit: 9999 });
  });
});
