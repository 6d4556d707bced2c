import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import {
  ApiFeaturesModule,
  APP_CONFIG,
  type AppConfig,
  ExportApiModule,
  ReportingModule,
} from '@send/server';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The API's composition root: the features, and the built web app served from the same origin. */
@Module({
  imports: [
    ApiFeaturesModule,
    ReportingModule,
    ExportApiModule,
    ServeStaticModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const root = config.WEB_DIST ? resolve(config.WEB_DIST) : '';
        return root && existsSync(root)
          ? [{ rootPath: root, exclude: ['/api/{*path}'] }]
          : [];
      },
    }),
  ],
})
export class AppModule {}
