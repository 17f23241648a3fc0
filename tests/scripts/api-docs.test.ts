import { readFileSync } from 'node:fs';
import { API_DOC_PATH, renderApiDocs } from '../../scripts/gen-api-docs';
import { ALL_ACTIONS } from '../../core';

describe('docs/API.md', () => {
  test('is generated from the current schemas (run `npm run docs:api` if this fails)', () => {
    expect(readFileSync(API_DOC_PATH, 'utf8')).toBe(renderApiDocs());
  });

  test('lists every action', () => {
    const doc = readFileSync(API_DOC_PATH, 'utf8');
    for (const def of ALL_ACTIONS) expect(doc).toContain(`### \`${def.name}\``);
  });
});
