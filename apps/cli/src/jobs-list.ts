import { declaredJobHandlers, jobDefinition, JOB_NAMES, retryPolicy } from '@leadpath/jobs';

/**
 * Every catalogued job as a Markdown table: its queue, owner, handler, schedule and the retry
 * policy in force under `defaults` (the configuration's `jobs`). The handlers are those of the
 * classes loaded, so the caller loads the application's modules first.
 */
export function renderJobsList(defaults: { retryLimit: number; retryDelaySeconds: number }): string {
  const handlers = declaredJobHandlers();
  const rows = JOB_NAMES.map((name) => {
    const job = jobDefinition(name);
    const declared = handlers.filter((h) => h.name === name).map((h) => `\`${h.handler}\``);
    const { retryLimit, retryDelaySeconds } = retryPolicy(job, defaults);
    const retries = retryLimit === 0 ? 'none' : `${retryLimit}, the first after ${retryDelaySeconds} s, doubling`;
    return [
      `\`${name}\``,
      job.owner,
      declared.join(', ') || '**none**',
      job.cron
        ? `\`${job.cron}\` (UTC)`
        : job.cronFrom
          ? `\`${job.cronFrom.variable}\` (UTC; off turns it off)`
          : 'when enqueued',
      job.onFailure ? `${retries}; ${job.onFailure}` : retries,
      job.does,
    ];
  });
  const header = ['job (queue)', 'owner', 'handler', 'runs', 'retries', 'what it does'];
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |\n`).join('');
}
