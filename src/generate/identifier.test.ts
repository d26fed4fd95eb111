import { describe, expect, it } from 'vitest';
import { constantCase, pascalCase } from './identifier.js';

describe('pascalCase', () => {
  it('joins the words of a service name', () => {
    expect(pascalCase('orders-api')).toEqual('OrdersApi');
    expect(pascalCase('twilio api v2010')).toEqual('TwilioApiV2010');
    expect(pascalCase('2fa')).toEqual('Service2fa');
    expect(pascalCase('---')).toEqual('Service');
  });
});

describe('constantCase', () => {
  it('splits PascalCase into upper snake case', () => {
    expect(constantCase('OrdersApi')).toEqual('ORDERS_API');
    expect(constantCase('HTTPServer')).toEqual('HTTP_SERVER');
    expect(constantCase('TwilioApiV2010')).toEqual('TWILIO_API_V2010');
  });
});
