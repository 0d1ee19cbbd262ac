#!/usr/bin/env node
// Parses every ```mermaid block of the given Markdown files with Mermaid itself (in a jsdom window, as Mermaid
// needs a DOM to load). Prints one line per problem and exits 1 if any block does not parse.
// No top-level await: the tests bundle it as CommonJS (test/helpers/mermaid.ts), which has none.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

async function main() {
  const dom = new JSDOM('');
  globalThis.window = dom.window;
  globalThis.document = dom.window.document;
  const { default: mermaid } = await import('mermaid');

  let failed = 0;
  for (const file of process.argv.slice(2)) {
    const blocks = [...readFileSync(file, 'utf8').matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);
    if (blocks.length === 0) {
      console.log(`${file}: no mermaid block`);
      failed++;
    }
    for (const [i, block] of blocks.entries()) {
      try {
        const { diagramType } = await mermaid.parse(block);
        console.log(`${file}: block ${i + 1}: ${diagramType} ok`);
      } catch (e) {
        console.log(`${file}: block ${i + 1}: ${String(e.message).split('\n').slice(0, 3).join(' ')}`);
        failed++;
      }
    }
  }
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 2;
});
