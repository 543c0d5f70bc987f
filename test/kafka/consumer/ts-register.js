/**
 * Lets a plain `node` child process run the TypeScript sources: `node -r ./ts-register.js x.ts`.
 * Each .ts file is transpiled (no type check) to CommonJS on load.
 */
const fs = require('fs');
const ts = require('typescript');

require.extensions['.ts'] = function load(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const out = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
  });
  module._compile(out.outputText, filename);
};
