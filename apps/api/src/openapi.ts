import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import { AppModule } from './app/app.module';
import { openApiDocument } from './app/openapi-document';

/**
 * Writes the OpenAPI document to the path given (default apps/api/openapi.json) without starting
 * the server or touching a database: CI regenerates it and fails when the committed copy differs.
 */
async function generate(): Promise<void> {
  const app = await NestFactory.create(AppModule, {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix('api');
  const path = process.argv[2] ?? 'apps/api/openapi.json';
  writeFileSync(path, `${JSON.stringify(openApiDocument(app), null, 2)}\n`);
  await app.close();
  console.log(`OpenAPI document written to ${path}`);
}

generate().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
