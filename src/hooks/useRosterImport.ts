import { useState } from 'react';
import type { OutputOf } from '../../core/action';
import type { ActionByName } from '../../core';
import { call, errorOf } from '../services/api';
import { uploadFile, type PickedFile } from '../services/files';

type Report = OutputOf<ActionByName<'roster.import'>>;

export type ImportStep = 'idle' | 'uploading' | 'checking' | 'importing';

export interface RosterImport {
  readonly step: ImportStep;
  readonly fileName: string | null;
  readonly report: Report | null;
  readonly error: string | null;
  pick(file: PickedFile): void;
  confirm(): void;
  cancel(): void;
  fail(message: string): void;
}

/**
 * 导入花名册 in two steps: upload and check the whole file (a dry run that changes nothing), then,
 * only if it has no problems, import that same file when the committee confirms.
 */
export function useRosterImport(accountId: string, onImported: () => void): RosterImport {
  const [step, setStep] = useState<ImportStep>('idle');
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileId, setFileId] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);

  const failed = (e: unknown) => {
    setError(errorOf(e).message);
    setStep('idle');
  };

  const pick = (file: PickedFile) => {
    if (step !== 'idle') return;
    setFileName(file.name);
    setFileId(null);
    setReport(null);
    setError(null);
    setStep('uploading');
    uploadFile('roster', file, accountId)
      .then(async (id) => {
        setFileId(id);
        setStep('checking');
        setReport(await call('roster.import', { fileId: id, dryRun: true }));
        setStep('idle');
      })
      .catch(failed);
  };

  const confirm = () => {
    if (step !== 'idle' || !fileId || !report || report.problems.length > 0) return;
    setError(null);
    setStep('importing');
    call('roster.import', { fileId, dryRun: false })
      .then((r) => {
        setReport(r);
        setStep('idle');
        if (r.applied) onImported();
      })
      .catch(failed);
  };

  const cancel = () => {
    setReport(null);
    setFileId(null);
    setFileName(null);
    setError(null);
  };

  const fail = (message: string) => setError(message);

  return { step, fileName, report, error, pick, confirm, cancel, fail };
}
