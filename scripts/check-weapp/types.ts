/**
 * Shapes shared by the check's parent process (index.ts) and its miniprogram-ci child (ci-worker.ts),
 * which hands its results back as JSON in a file.
 */

/** The checks, in the order they run and print. */
export const CHECK_NAMES = ['wcc', 'wcsc', 'json-schema', 'ci-compile', 'ci-analyse', 'ci-package-size'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/** One finding, with a path relative to the checked folder so that messages read the same on any copy. */
export interface Problem {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface CheckResult {
  name: CheckName;
  passed: boolean;
  /** What was checked, shown on the PASS line. */
  summary: string;
  problems: Problem[];
}

/** Package sizes as miniprogram-ci's checkCodeQuality counts them (compiled files, WeChat's extension whitelist). */
export interface SizeReport {
  source: 'miniprogram-ci checkCodeQuality';
  mainPackageBytes: number;
  subPackageBytes: Record<string, number>;
  totalBytes: number;
  /** checkCodeQuality's own advice limit per package (it says 1.5 MB; the upload itself refuses above 2 MB). */
  adviceLimitBytes: number;
  uploadLimitBytes: number;
}

/** What ci-worker.ts writes for the parent. */
export interface WorkerOutput {
  results: CheckResult[];
  sizes?: SizeReport;
  /** checkCodeQuality items that failed but are advice, not package size (compression, lazy loading). */
  advice: string[];
  /** Hosts miniprogram-ci tried to reach and the network guard refused. */
  blockedHosts: string[];
}

export interface CheckReport {
  dir: string;
  results: CheckResult[];
  sizes?: SizeReport;
  advice: string[];
  blockedHosts: string[];
  ms: number;
}

export function formatProblem(p: Problem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`;
  return `${where}: ${p.message}`;
}
