import { describe, expect, it } from 'vitest';

import { addressProblem, ipLiteral, webhookUrlProblem } from '../../../src/events/domain/webhook-address.js';

const STRICT = { allowInsecure: false, allowPrivate: false };

describe('webhook address rules', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.9', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.10.20', 'link-local'],
    ['169.254.169.254', 'cloud metadata'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fd00::1', 'unique-local'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
  ])('refuses %s (%s)', (address, kind) => {
    expect(addressProblem(address, STRICT)).toContain(`is a ${kind} address`);
    expect(addressProblem(address, { allowPrivate: true })).toBeNull();
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111'])('lets public %s through', (address) => {
    expect(addressProblem(address, STRICT)).toBeNull();
  });

  it('wants https unless insecure is allowed, and no credentials in the URL', () => {
    expect(webhookUrlProblem('http://hooks.example.com/x', STRICT)).toMatch(/must be an https URL/);
    expect(webhookUrlProblem('http://hooks.example.com/x', { ...STRICT, allowInsecure: true })).toBeNull();
    expect(webhookUrlProblem('https://hooks.example.com/x', STRICT)).toBeNull();
    expect(webhookUrlProblem('ftp://hooks.example.com/x', { ...STRICT, allowInsecure: true })).toMatch(/http\(s\)/);
    expect(webhookUrlProblem('https://user:pw@hooks.example.com/x', STRICT)).toMatch(/credentials/);
    expect(webhookUrlProblem('not a url', STRICT)).toBe('is not a URL');
  });

  it('checks IP literals in the URL itself, brackets and all', () => {
    expect(ipLiteral('[::1]')).toBe('::1');
    expect(ipLiteral('127.0.0.1')).toBe('127.0.0.1');
    expect(ipLiteral('hooks.example.com')).toBeNull();
    expect(webhookUrlProblem('https://[::1]:8443/x', STRICT)).toMatch(/loopback/);
    expect(webhookUrlProblem('https://169.254.169.254/latest/meta-data', STRICT)).toMatch(/cloud metadata/);
  });
});
