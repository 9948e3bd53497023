import type { OpenAPIObject } from '@nestjs/swagger';

/** One stable text form of the spec, so the committed file and the served one compare exactly. */
export function serializeOpenApi(document: OpenAPIObject): string {
  return JSON.stringify(document, null, 2) + '\n';
}
