import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

/**
 * The house rules of docs/ARCHITECTURE.md, checked on the source tree: imports go down the layers
 * only (so no two modules import each other), SQL lives in repositories, response mappers in
 * mappers, and no file grows past 300 lines.
 */
const SRC = normalize(join(dirname(fileURLToPath(import.meta.url)), '../../src'));

/** Each module's layer; a module may import only modules of lower layers (docs/ARCHITECTURE.md). */
const LAYERS: Record<string, number> = {
  config: 0,
  database: 1,
  common: 1,
  policies: 2,
  suppliers: 3,
  decisions: 4,
  reviews: 4,
  orders: 4,
  ledger: 5,
  voice: 5,
  complaints: 6,
  scoring: 7,
  events: 7,
  governance: 8,
  audits: 9,
  appeals: 9,
  jobs: 10,
  health: 10,
  metrics: 10,
  me: 10,
  workbench: 10,
  triage: 10,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

const FILES = sourceFiles(SRC).map((path) => ({ path, rel: relative(SRC, path).split(sep).join('/'), text: readFileSync(path, 'utf8') }));

/** The module a file of src/ belongs to; null for the composition root (src/*.ts). */
function moduleOf(rel: string): string | null {
  const parts = rel.split('/');
  return parts.length === 1 ? null : parts[0];
}

function importsOf(file: { path: string; text: string }): string[] {
  const specs = [...file.text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return specs.map((spec) =>
    relative(SRC, normalize(join(dirname(file.path), spec)))
      .split(sep)
      .join('/'),
  );
}

describe('architecture', () => {
  it('gives every module of src/ a layer', () => {
    const modules = new Set(FILES.map((f) => moduleOf(f.rel)).filter((m): m is string => m !== null));
    expect([...modules].filter((m) => LAYERS[m] === undefined)).toEqual([]);
  });

  it('imports only from lower layers, so no two modules import each other', () => {
    const violations: string[] = [];
    for (const file of FILES) {
      const from = moduleOf(file.rel);
      if (from === null) continue;
      for (const target of importsOf(file)) {
        const to = moduleOf(target);
        if (to === null || to === from || target.startsWith('..')) continue;
        if (LAYERS[to] >= LAYERS[from])
          violations.push(`${file.rel} (${from}, layer ${LAYERS[from]}) imports ${target} (${to}, layer ${LAYERS[to]})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('keeps SQL and data access in *.repository.ts files (database/ is the infrastructure they share)', () => {
    const sql = /`\s*(?:WITH\s+\w+\s+AS\s*\(|SELECT\s[\s\S]*?\sFROM\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+(?:\w+\s+)?SET\s|DELETE\s+FROM\s)/;
    const access =
      /\b(?:manager|dataSource|this\.dataSource\.manager|em)\s*\.\s*(?:query|save|insert|update|delete|upsert|find\w*|createQueryBuilder|getRepository|increment)\s*\(/;
    const violations = FILES.filter(
      (f) => !f.rel.endsWith('.repository.ts') && !f.rel.startsWith('database/') && (sql.test(f.text) || access.test(f.text)),
    ).map((f) => f.rel);
    expect(violations).toEqual([]);
  });

  it('writes response mappers only in *.mapper.ts files', () => {
    const violations = FILES.filter(
      (f) => !f.rel.endsWith('.mapper.ts') && /export function \w+(?:ToResponse|FromRow|FromEntity)\(/.test(f.text),
    ).map((f) => f.rel);
    expect(violations).toEqual([]);
  });

  it('keeps every file of src/ under 300 lines', () => {
    const long = FILES.map((f) => ({ rel: f.rel, lines: f.text.split('\n').length })).filter((f) => f.lines > 300);
    expect(long).toEqual([]);
  });

  it('detects what it is meant to detect', () => {
    // The checks above pass on an empty list; these prove the patterns match real violations.
    expect(moduleOf('governance/runs/x.ts')).toBe('governance');
    expect(importsOf({ path: join(SRC, 'suppliers/x.ts'), text: "import { A } from '../decisions/y.js';" })).toEqual(['decisions/y.js']);
    const sql = /`\s*(?:WITH\s+\w+\s+AS\s*\(|SELECT\s[\s\S]*?\sFROM\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+(?:\w+\s+)?SET\s|DELETE\s+FROM\s)/;
    expect(sql.test('const q = `SELECT id FROM suppliers`;')).toBe(true);
    expect(sql.test('const q = `UPDATE suppliers s SET status = 1`;')).toBe(true);
    expect(sql.test('const q = `WITH x AS (SELECT 1) SELECT * FROM x`;')).toBe(true);
    expect(sql.test('const s = `Select the best supplier`;')).toBe(false);
    expect(sql.test('const s = `with the same DATA_DIR, select one from the list`;')).toBe(false);
  });
});
