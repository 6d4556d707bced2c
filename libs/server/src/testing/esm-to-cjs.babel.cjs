// Babel plugin for the integration tier, which runs Nest 12's ES modules as CommonJS under Jest:
// `import.meta.url` becomes the file's URL (a literal), and a module's own
// `const require = createRequire(…)` (as @nestjs/typeorm has) is renamed so that it does not
// shadow CommonJS's `require` once the imports are `require(…)` calls.
const { pathToFileURL } = require('node:url');

module.exports = function esmToCjs({ types: t }) {
  return {
    visitor: {
      MetaProperty(path, state) {
        if (
          path.node.meta.name !== 'import' ||
          path.node.property.name !== 'meta'
        )
          return;
        const url = t.stringLiteral(pathToFileURL(state.filename).href);
        const parent = path.parentPath;
        if (
          parent.isMemberExpression() &&
          t.isIdentifier(parent.node.property, { name: 'url' })
        )
          parent.replaceWith(url);
        else
          path.replaceWith(
            t.objectExpression([t.objectProperty(t.identifier('url'), url)]),
          );
      },
      VariableDeclarator(path) {
        if (
          t.isIdentifier(path.node.id, { name: 'require' }) &&
          path.scope.path.isProgram()
        )
          path.scope.rename('require', '_esmRequire');
      },
    },
  };
};
