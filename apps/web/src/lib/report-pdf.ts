import { useState } from 'react';
import { downloadFile } from './api/client';
import { describeError } from './errors';

/** Downloads a mentee's readiness report (PDF); a failure is kept, in words, for the page to show. */
export function useReportPdf() {
  const [error, setError] = useState<string | null>(null);
  const download = (menteeId: string, name: string) => {
    setError(null);
    void downloadFile(`/api/v1/mentees/${menteeId}/report.pdf`, `${name}.pdf`).catch((e) => setError(describeError(e)));
  };
  return { download, error };
}
