// Small inline contracts for the mock-server tests, written to a temp folder per test file.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PETS_YAML = `openapi: 3.0.3
info: { title: Pet Store, version: 1.0.0 }
paths:
  /pets/{petId}:
    get:
      parameters:
        - { name: petId, in: path, required: true, schema: { type: integer, minimum: 1 } }
      responses:
        '200':
          description: The pet
          content:
            application/json:
              schema:
                type: object
                required: [id, name]
                properties: { id: { type: integer }, name: { type: string } }
              example: { id: 1, name: Rex }
  /pets:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties: { name: { type: string } }
      responses:
        '201':
          description: Created
          content:
            application/json:
              example: { id: 2, name: Tom }
  /subscriptions:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [callbackUrl]
              properties: { callbackUrl: { type: string } }
      responses:
        '201':
          description: Subscribed
          content:
            application/json:
              example: { id: sub-1 }
      callbacks:
        petAdded:
          '{$request.body#/callbackUrl}':
            post:
              requestBody:
                content:
                  application/json:
                    example: { event: pet.added, petId: 7 }
              responses:
                '204': { description: Received }
`;

export const ORDERS_JSON = JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'Order API', version: '2.0.0' },
  paths: {
    '/orders': {
      get: {
        responses: {
          '200': {
            description: 'Orders',
            content: { 'application/json': { example: [{ id: 'o-1', total: 12.5 }] } },
          },
        },
      },
    },
  },
});

export const BROKEN_YAML = `openapi: 3.0.3
info: { title: Broken, version: 1.0.0 }
paths:
  /x:
    get: [this is: not valid
`;

/** Writes files into a fresh temp folder; returns the folder and a cleanup. */
export async function specFolder(
  files: Record<string, string>,
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'gauntlet-mock-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
