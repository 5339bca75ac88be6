import { JOB_NAMES, JOBS, jobDefinition, retryPolicy, type JobName } from './catalogue';
import { findJobHandlers } from './discover';
import { OnJob, type JobAttempt } from './on-job';

const attempt: JobAttempt = { id: 'j1', retryCount: 0, retryLimit: 5, last: false };

/** A provider handling every catalogued job but `except`, recording what it ran. */
function everyJobBut(...except: JobName[]): object {
  class Everything {
    readonly ran: string[] = [];
  }
  for (const name of JOB_NAMES.filter((n) => !except.includes(n))) {
    const method = `handle_${name}`;
    const descriptor: TypedPropertyDescriptor<(data: unknown) => Promise<void>> = {
      value: async function (this: Everything, data: unknown) {
        this.ran.push(`${name}:${JSON.stringify(data)}`);
      },
      writable: true,
      configurable: true,
    };
    OnJob(name)(Everything.prototype, method, descriptor);
    Object.defineProperty(Everything.prototype, method, descriptor);
  }
  return new Everything();
}

class Mailer {
  readonly sent: string[] = [];

  @OnJob('mail.send')
  async deliver(data: { to: string }, at: JobAttempt): Promise<void> {
    this.sent.push(`${data.to}#${at.retryCount}`);
  }
}

describe('findJobHandlers', () => {
  it('finds one handler per catalogued job, in catalogue order, bound to its provider', async () => {
    const mailer = new Mailer();
    const rest = everyJobBut('mail.send');
    const found = findJobHandlers([{ plain: true }, 42, null, rest, mailer, mailer]);
    expect(found.map((f) => f.name)).toEqual(Object.keys(JOBS));
    const mail = found.find((f) => f.name === 'mail.send');
    expect(mail?.handler).toBe('Mailer.deliver');
    await mail?.run({ to: 'a@example.test' }, { ...attempt, retryCount: 2 });
    expect(mailer.sent).toEqual(['a@example.test#2']);
    await found.find((f) => f.name === 'webhooks.retry')?.run({}, attempt);
    expect((rest as { ran: string[] }).ran).toEqual(['webhooks.retry:{}']);
  });

  it('stops on a catalogued job without a handler, naming it', () => {
    expect(() => findJobHandlers([everyJobBut('webhooks.deliver', 'auth.password-reset')])).toThrow(
      'no handler for the catalogued job webhooks.deliver, auth.password-reset',
    );
  });

  it('stops on a job with two handlers, naming both', () => {
    expect(() => findJobHandlers([everyJobBut(), new Mailer()])).toThrow(
      /job mail\.send has two handlers: Everything\.handle_mail\.send and Mailer\.deliver/,
    );
  });

  it('refuses a name outside the catalogue when the class is declared', () => {
    expect(() => OnJob('mail.sent' as JobName)).not.toThrow();
    expect(() => OnJob('mail.sent' as JobName)({}, 'm', { value: async () => undefined })).toThrow(
      'job mail.sent is not in the catalogue',
    );
  });
});

describe('the catalogue', () => {
  it('names each job once, with its owner, a line of what it does and a valid cron where recurring', () => {
    for (const [name, job] of Object.entries(JOBS)) {
      expect(name).toMatch(new RegExp(`^${'namedBy' in job ? job.namedBy : job.owner}\\.[a-z-]+$`));
      expect(job.does.length).toBeGreaterThan(10);
      if ('cron' in job) expect(job.cron.split(' ')).toHaveLength(5);
    }
  });

  it('takes the retry policy from the configuration unless the job sets its own', () => {
    const defaults = { retryLimit: 5, retryDelaySeconds: 30 };
    for (const name of JOB_NAMES) expect(retryPolicy(jobDefinition(name), defaults)).toEqual(defaults);
    const job = { owner: 'mail', does: 'sends' };
    expect(retryPolicy({ ...job, retryLimit: 0 }, defaults)).toEqual({ retryLimit: 0, retryDelaySeconds: 30 });
    expect(retryPolicy({ ...job, retryDelaySeconds: 5 }, defaults)).toEqual({ retryLimit: 5, retryDelaySeconds: 5 });
  });
});
