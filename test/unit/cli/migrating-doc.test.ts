/**
 * docs/migrating-from-python.md stays true: every TypeScript snippet compiles against the
 * library, every name a snippet imports is exported by `simple-kafka`, and every
 * confluent_kafka name the page promises to map appears in its table.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..', '..');
const DOC = fs.readFileSync(path.join(ROOT, 'docs', 'migrating-from-python.md'), 'utf8');
const snippets = [...DOC.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

/** Names `src/index.ts` exports (values and types). */
function barrelExports(): Set<string> {
  const file = path.join(ROOT, 'src', 'index.ts');
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const names = new Set<string>();
  source.forEachChild((node) => {
    if (ts.isExportDeclaration(node) && node.exportClause && ts.isNamedExports(node.exportClause)) {
      for (const e of node.exportClause.elements) names.add(e.name.text);
    }
  });
  return names;
}

function importedNames(code: string): string[] {
  const source = ts.createSourceFile('snippet.ts', code, ts.ScriptTarget.ES2022, true);
  const names: string[] = [];
  source.forEachChild((node) => {
    if (ts.isImportDeclaration(node) && (node.moduleSpecifier as ts.StringLiteral).text === 'simple-kafka') {
      const bindings = node.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) names.push(e.propertyName?.text ?? e.name.text);
    }
  });
  return names;
}

describe('docs/migrating-from-python.md', () => {
  it('has TypeScript snippets, each importing from simple-kafka', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(10);
    for (const s of snippets) expect(importedNames(s).length).toBeGreaterThan(0);
  });

  it('imports only names the simple-kafka barrel exports', () => {
    const exported = barrelExports();
    expect(exported.size).toBeGreaterThan(50);
    const missing = snippets.flatMap(importedNames).filter((n) => !exported.has(n));
    expect(missing).toEqual([]);
  });

  it('every snippet compiles against the library (strict)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-migrating-'));
    try {
      const files = snippets.map((code, i) => {
        const f = path.join(dir, `snippet-${i + 1}.ts`);
        fs.writeFileSync(f, code);
        return f;
      });
      const program = ts.createProgram(files, {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        esModuleInterop: true,
        skipLibCheck: true,
        types: ['node'],
        typeRoots: [path.join(ROOT, 'node_modules', '@types')],
        baseUrl: ROOT,
        paths: { 'simple-kafka': ['src/index.ts'] },
      });
      // Only the snippets' own diagnostics: the library is type-checked by its own build.
      const problems = files.flatMap((f) => {
        const sf = program.getSourceFile(f);
        if (!sf) return [`${f}: not loaded`];
        return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map((d) => {
          const { line } = d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0) : { line: 0 };
          return `${path.basename(f)}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
        });
      });
      expect(problems).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it.each([
    'Producer',
    'Consumer',
    'AdminClient',
    'SerializingProducer',
    'DeserializingConsumer',
    'AvroSerializer',
    'AvroDeserializer',
    'SchemaRegistryClient',
    'KafkaError',
    'KafkaException',
    'TopicPartition',
    'NewTopic',
    'ConfigResource',
    'error_cb',
    'stats_cb',
    'oauth_cb',
    'on_delivery',
    'on_assign',
    'on_revoke',
    'msg.value()',
    'msg.key()',
    'msg.headers()',
    'msg.timestamp()',
    'msg.error()',
    'msg.offset()',
  ])('maps %s in a table row', (name) => {
    const rows = DOC.split('\n').filter((l) => l.startsWith('|'));
    expect(rows.some((r) => r.split('|')[1]?.includes(`\`${name.replace(/\(\)$/, '')}`))).toBe(true);
  });
});
