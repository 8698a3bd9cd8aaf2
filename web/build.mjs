// Copies the prebuilt browser files that the pinned npm packages ship into build/vendor/,
// which Steppe serves at /static/vendor/. No bundler and no CDN: the explorer works offline.
// Run by `make web` after `npm ci` (package-lock.json pins every byte).
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, 'package.json'));
const packageDir = (name) => path.dirname(require.resolve(`${name}/package.json`));

const files = {
  'react.production.min.js': ['react', 'umd/react.production.min.js'],
  'react-dom.production.min.js': ['react-dom', 'umd/react-dom.production.min.js'],
  'graphiql.min.js': ['graphiql', 'graphiql.min.js'],
  'graphiql.min.css': ['graphiql', 'graphiql.min.css'],
  'plugin-explorer.umd.js': ['@graphiql/plugin-explorer', 'dist/index.umd.js'],
  'plugin-explorer.css': ['@graphiql/plugin-explorer', 'dist/style.css'],
};

const out = path.join(here, 'build', 'vendor');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const [target, [name, file]] of Object.entries(files)) {
  copyFileSync(path.join(packageDir(name), file), path.join(out, target));
}
console.log(`copied ${Object.keys(files).length} files to ${path.relative(process.cwd(), out)}`);
