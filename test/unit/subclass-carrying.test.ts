import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';

import { describe, expect, it } from 'vitest';

import { subclassCarrying } from '../../src/common/http/service-express.adapter.js';

describe('subclassCarrying: a subclass whose prototype carries a prototype chain', () => {
  const marker = Symbol('marker');
  const middle = Object.create(IncomingMessage.prototype, {
    shared: { value: 'middle' },
    onlyMiddle: { value: 1 },
    [marker]: { value: 'symbol-keyed' },
  }) as object;
  const top = Object.create(middle, {
    shared: { value: 'top' },
    doubled: {
      get(this: { onlyMiddle: number }) {
        return this.onlyMiddle * 2;
      },
    },
  }) as object;

  it('finds every property as the chain would, nearest first, getters bound to the instance', () => {
    const Carrying = subclassCarrying(IncomingMessage, top);
    const req = new Carrying(new Socket()) as IncomingMessage & { shared: string; onlyMiddle: number; doubled: number };
    expect(req).toBeInstanceOf(IncomingMessage);
    expect(req.shared).toBe('top');
    expect(req.onlyMiddle).toBe(1);
    expect(req.doubled).toBe(2);
    expect((req as unknown as Record<symbol, string>)[marker]).toBe('symbol-keyed');
    // IncomingMessage's own constructor ran: its fields are there.
    expect(req.headers).toEqual({});
    expect(Object.getPrototypeOf(Object.getPrototypeOf(req))).toBe(IncomingMessage.prototype);
  });

  it('refuses a prototype that does not inherit from the base', () => {
    expect(() => subclassCarrying(ServerResponse, top)).toThrow(/inherit from ServerResponse/);
  });
});
