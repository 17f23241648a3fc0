import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireFromCheck } from './install';
import type { CheckResult, Problem } from './types';

/**
 * app.json and every page and component .json against the JSON Schemas that miniprogram-ci ships
 * (dist/schema/dist/{app,page}.js), through ajv. The pre-upload pipeline accepts unknown keys (a misspelt
 * `navigationBarTitel` is silently ignored and the title never shows); these schemas say
 * `additionalProperties: false`, so they catch them.
 */

/** The part of ajv 8's API used here; ajv is loaded from the check's own node_modules at run time. */
interface AjvError {
  instancePath: string;
  keyword: string;
  params: { additionalProperty?: string };
  message?: string;
}
interface ValidateFunction {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}
interface AjvInstance {
  compile(schema: object): ValidateFunction;
}
interface AjvModule {
  default: new (options: { allErrors: boolean; strict: boolean }) => AjvInstance;
}

/** 1-based line and column of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** Where a key appears in the file: good enough for a pointer, since Taro writes each .json on one line. */
function locateKey(text: string, key: string | undefined): { line: number; column: number } {
  const at = key === undefined ? -1 : text.indexOf(JSON.stringify(key));
  return at < 0 ? { line: 1, column: 1 } : lineColumn(text, at);
}

function describe(error: AjvError): { key: string | undefined; message: string } {
  const where = error.instancePath ? ` in ${error.instancePath}` : '';
  if (error.keyword === 'additionalProperties' && error.params.additionalProperty !== undefined) {
    const key = error.params.additionalProperty;
    return { key, message: `unknown key "${key}"${where} (WeChat's schema allows no other keys)` };
  }
  const last = error.instancePath.split('/').filter(Boolean).pop();
  return { key: last, message: `${error.instancePath || 'top level'}: ${error.message ?? error.keyword}` };
}

function validateFile(dir: string, file: string, validate: ValidateFunction): Problem[] {
  const text = readFileSync(join(dir, file), 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(message);
    return [{ file, ...lineColumn(text, pos ? Number(pos[1]) : 0), message: `not valid JSON: ${message}` }];
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => {
    const { key, message } = describe(e);
    return { file, ...locateKey(text, key), message };
  });
}

export function checkJsonSchemas(dir: string, files: string[]): CheckResult {
  const Ajv = requireFromCheck<AjvModule>('ajv').default;
  // strict: false because WeChat's schemas carry their own keywords ($version, tsType) that ajv's strict
  // mode would reject as unknown; allErrors so one run lists every unknown key.
  const ajv = new Ajv({ allErrors: true, strict: false });
  const appSchema = ajv.compile(requireFromCheck<object>('miniprogram-ci/dist/schema/dist/app.js'));
  const pageSchema = ajv.compile(requireFromCheck<object>('miniprogram-ci/dist/schema/dist/page.js'));

  // A page or component is a .json with a .js beside it; app.json has one too, but its own schema.
  const all = new Set(files);
  const pageJson = files.filter((f) => f.endsWith('.json') && f !== 'app.json' && all.has(f.replace(/\.json$/, '.js')));
  const problems: Problem[] = [];
  if (all.has('app.json')) problems.push(...validateFile(dir, 'app.json', appSchema));
  else problems.push({ file: 'app.json', message: 'missing' });
  for (const f of pageJson) problems.push(...validateFile(dir, f, pageSchema));
  return {
    name: 'json-schema',
    passed: problems.length === 0,
    summary: `app.json and ${pageJson.length} page and component .json files against miniprogram-ci's schemas`,
    problems,
  };
}
