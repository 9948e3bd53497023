/* global Buffer, process, console */
// Builds the workbench (web/) into dist/web: one hashed JS and one hashed CSS file under assets/,
// and index.html naming them. Run by `npm run build`; `node scripts/build-web.mjs --quiet` prints nothing.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds web/ into `outDir` (default dist/web); returns the files written with their sizes. */
export async function buildWeb({ outDir = join(root, 'dist/web') } = {}) {
  const result = await build({
    entryPoints: [join(root, 'web/main.tsx')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    write: false,
    outdir: 'assets',
    entryNames: '[name]-[hash]',
    legalComments: 'none',
    sourcemap: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  const files = [];
  let script = '';
  let style = '';
  for (const file of result.outputFiles) {
    const name = file.path.slice(file.path.lastIndexOf('/assets/') + 1);
    writeFileSync(join(outDir, name), file.contents);
    files.push({ name, bytes: file.contents.length, gzip: gzipSync(file.contents, { level: 9 }).length });
    if (name.endsWith('.js')) script = name;
    if (name.endsWith('.css')) style = name;
  }
  const html = readFileSync(join(root, 'web/index.html'), 'utf8')
    .replace('%SCRIPT%', `/app/${script}`)
    .replace('%STYLE%', `/app/${style}`)
    .replace(
      '%BUILD%',
      createHash('sha256')
        .update(script + style)
        .digest('hex')
        .slice(0, 12),
    );
  writeFileSync(join(outDir, 'index.html'), html);
  files.push({ name: 'index.html', bytes: Buffer.byteLength(html), gzip: gzipSync(html, { level: 9 }).length });
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await buildWeb();
  if (!process.argv.includes('--quiet')) {
    const total = files.reduce((sum, f) => sum + f.gzip, 0);
    for (const f of files) console.log(`dist/web/${f.name}  ${(f.bytes / 1024).toFixed(1)} KiB, ${(f.gzip / 1024).toFixed(1)} KiB gzip`);
    console.log(`workbench: ${(total / 1024).toFixed(1)} KiB gzip in all`);
  }
}
