import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './loopback.js';

describe('isLoopbackHost', () => {
  it('accepts the whole 127.0.0.0/8 range, ::1 (bracketed or not), localhost and mapped IPv4', () => {
    const local = [
      '127.0.0.1',
      '127.0.0.2',
      '127.255.255.254',
      '::1',
      '[::1]',
      'localhost',
      'LOCALHOST',
      '::ffff:127.0.0.1',
    ];
    expect(local.filter((host) => !isLoopbackHost(host))).toEqual([]);
  });

  it('refuses other addresses and names that only look local', () => {
    const remote = [
      '10.0.0.1',
      '0.0.0.0',
      '128.0.0.1',
      '127.0.0.256',
      'localhost.example.com',
      '::',
      '::ffff:10.0.0.1',
      '127.0.0.1.nip.io',
    ];
    expect(remote.filter((host) => isLoopbackHost(host))).toEqual([]);
  });
});
