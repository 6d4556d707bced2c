const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/api'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      additionalEntryPoints: [
        { entryName: 'migrate', entryPath: 'apps/api/src/migrate.ts' },
        { entryName: 'seed', entryPath: 'apps/api/src/seed.ts' },
        {
          entryName: 'import-cases',
          entryPath: 'apps/api/src/import-cases.ts',
        },
        { entryName: 'openapi', entryPath: 'apps/api/src/openapi.ts' },
        {
          entryName: 'verify-history',
          entryPath: 'apps/api/src/verify-history.ts',
        },
        { entryName: 'route-table', entryPath: 'apps/api/src/route-table.ts' },
      ],
      tsConfig: './tsconfig.app.json',
      assets: [
        './src/assets',
        // The default letter templates (scripts/letters/default-templates.mjs), beside main.js.
        {
          input: 'libs/server/src/lib/letters/templates',
          glob: '*.docx',
          output: 'letter-templates',
        },
      ],
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      // Describes DTOs in the OpenAPI document from their types, validators and doc comments.
      transformers: [
        {
          name: '@nestjs/swagger/plugin',
          options: {
            introspectComments: true,
            classValidatorShim: true,
            dtoFileNameSuffix: ['.dto.ts'],
          },
        },
      ],
      sourceMap: true,
    }),
  ],
};
