import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { routePermissions } from '@send/server';
import { AppModule } from './app/app.module';

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Prints, as JSON, every route handler of the API with the permission it declares (`handlers`, from
 * the controllers' metadata) and every route Express actually serves (`served`, from its router
 * stack once the routes are registered), without starting the server or touching a database.
 * The deny-by-default test (api-e2e permissions) reads it.
 */
async function print(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix('api');
  await app.init();
  const router = (
    app.getHttpAdapter().getInstance() as unknown as {
      router?: { stack: RouterLayer[] };
    }
  ).router;
  const served = (router?.stack ?? []).flatMap(({ route }) =>
    route
      ? Object.keys(route.methods).map((method) => ({
          method: method.toUpperCase(),
          path: route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}'),
        }))
      : [],
  );
  process.stdout.write(
    `${JSON.stringify({ handlers: routePermissions(app, 'api'), served }, null, 2)}\n`,
  );
  await app.close();
}

print().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
