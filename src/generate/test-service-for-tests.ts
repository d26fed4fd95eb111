// A small contract loaded through the real loader, shared by the generator unit tests.
import { loadSource } from '../formats/load-source.js';
import type { Service } from '../model/index.js';

export const PETS_YAML = `openapi: 3.1.0
info: { title: Pet Store, version: 2.0.0 }
servers:
  - url: https://{region}.pets.test/v2
    variables: { region: { default: eu } }
paths:
  /pets/{petId}:
    get:
      operationId: getPet
      parameters:
        - { name: petId, in: path, required: true, schema: { type: integer } }
      responses:
        '200':
          description: A pet
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Pet' }
        '404':
          description: Not found
          content:
            application/problem+json:
              schema: { type: object, properties: { title: { type: string } } }
  /pets:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Pet' }
      responses:
        '201':
          description: Created
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Pet' }
components:
  schemas:
    Pet:
      type: object
      required: [id, kind]
      properties:
        id: { type: integer, format: int64 }
        kind: { type: string, enum: [cat, dog] }
      discriminator: { propertyName: kind }
    Animal:
      oneOf:
        - { $ref: '#/components/schemas/Cat' }
      discriminator: { propertyName: kind, mapping: { cat: '#/components/schemas/Cat' } }
    Cat:
      type: object
      required: [kind]
      properties:
        kind: { type: string, enum: [cat], description: The kind }
`;

export async function loadPets(text = PETS_YAML): Promise<Service> {
  const source = await loadSource('pets.yaml', text, {
    readFile: () => Promise.reject(new Error('no other files')),
  });
  if (source.service === undefined) throw new Error(JSON.stringify(source.diagnostics));
  return source.service;
}
