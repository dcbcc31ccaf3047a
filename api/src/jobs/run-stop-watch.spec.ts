import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import { SystemClock } from '../common/clock';
import { JobRecord } from '../domain/job.model';
import { StorageError } from '../domain/storage-errors';
import { JobStore, JobWatcher, Unwatch } from '../storage/job-store';
import { LocalJobStore } from '../storage/local/local-job-store';
import { ValidatedJobStore } from '../storage/validated-job-store';
import { makeJob } from '../../test/factories/job.factory';
import { testConfig } from '../../test/factories/test-config';
import { waitFor } from '../../test/factories/wait-for';
import { ItemBehaviour, TestHandler, items } from '../../test/factories/test-handler';
import { JobHandlerRegistry } from './job-handler-registry';
import { JobRunner } from './job-runner';
import { cancel, fail, markRecovering, withAction } from './job-state';
import { describeStop, stopDecisionOf } from './run-stop-watch';

const HERE = 'test-instance';
const FAR = '2099-01-01T00:00:00.000Z';

/** The local driver with its notifications cut, as a Firestore listener that failed. */
class ListenerCutStore extends ValidatedJobStore {
  override watchJob(_id: string, watcher: JobWatcher): Unwatch {
    queueMicrotask(() => watcher.failed(new StorageError('listener cut by the test')));
    return () => undefined;
  }
}

/** An item that waits for the upstream until the run is told to stop (a rate-limit wait). */
const waitForTheUpstream: ItemBehaviour = (_item, _signal, stopSignal) =>
  new Promise((_resolve, reject) => {
    stopSignal.addEventListener('abort', () => reject(stopSignal.reason as Error), { once: true });
  });

/** Another instance cancelling, as JobsService records it there. */
function cancelledOn(instance: string) {
  return (job: JobRecord): JobRecord => {
    const now = new Date().toISOString();
    return withAction(cancel(job, now), { action: 'cancelled', by: 'admin', at: now, instance });
  };
}

/** Another instance taking the job over, as RecoveryService records it there. */
function takenOverBy(instance: string) {
  return (job: JobRecord): JobRecord => {
    const now = new Date().toISOString();
    return withAction(markRecovering(job, instance, FAR, now), {
      action: 'resumed',
      by: 'system',
      at: now,
      instance,
    });
  };
}

describe('RunStopWatch: a decision stored anywhere reaches the run at once', () => {
  let dir: string;
  let store: JobStore;
  let handler: TestHandler;
  let warnings: string[];

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stop-watch-'));
    store = new ValidatedJobStore(new LocalJobStore(dir));
    handler = new TestHandler('data-collection', items(6), waitForTheUpstream, 1);
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await fs.rm(dir, { recursive: true, force: true });
  });

  function runnerOver(jobStore: JobStore): JobRunner {
    const registry = new JobHandlerRegistry();
    registry.register(handler);
    // No heartbeat runs here: only the watch can stop these runs.
    return new JobRunner(jobStore, registry, testConfig(dir), new SystemClock());
  }

  async function startRun(jobStore: JobStore = store) {
    const created = await jobStore.createJob(makeJob({ createdAt: new Date().toISOString() }));
    if (!created.created) throw new Error('setup: lock taken');
    const runner = runnerOver(jobStore);
    const running = runner.runJob(created.job);
    await waitFor(() => handler.inFlight === 1);
    return { job: created.job, runner, running };
  }

  function stopLines(): string[] {
    return warnings.filter((line) => line.includes('stopping its run'));
  }

  it('stops a waiting item when a cancel from another instance is stored', async () => {
    const { job, running } = await startRun();
    // Written straight to the store: this runner is never told, it must hear it.
    await store.updateJob(job.id, cancelledOn('instance-a'));
    await running;
    const stored = await store.getJob(job.id);
    expect(stored?.status).toBe('cancelled');
    // The waiting item was aborted, left unfinished; no other item started.
    expect(handler.processed).toEqual([]);
    expect(await store.readLedger(job.id)).toEqual([]);
    expect(stopLines()).toHaveLength(1);
    expect(stopLines()[0]).toMatch(
      new RegExp(
        `^Job ${job.id}: stopping its run on ${HERE}: cancelled by admin on instance-a at \\S+Z \\(heard through the job listener\\)$`,
      ),
    );
  });

  it('stops without writing when its lease is taken over, naming the new holder', async () => {
    const { job, running } = await startRun();
    const takenOver = await store.updateJob(job.id, takenOverBy('instance-c'));
    await running;
    // The new holder's record is left as it wrote it.
    expect(await store.getJob(job.id)).toEqual(takenOver);
    expect(handler.processed).toEqual([]);
    expect(stopLines()).toEqual([
      `Job ${job.id}: stopping its run on ${HERE}: lease lost, now held by instance-c since ${takenOver.resumedAt} (heard through the job listener)`,
    ]);
  });

  it('with the listener cut, checks the stored record before each item', async () => {
    const cut = new ListenerCutStore(new LocalJobStore(dir));
    const created = await cut.createJob(makeJob({ createdAt: new Date().toISOString() }));
    if (!created.created) throw new Error('setup: lock taken');
    const job = created.job;
    handler.behaviour = async (item) => {
      // The first item's work ends with a cancel stored elsewhere, which nothing tells.
      if (item.id === handler.items[0].id) await cut.updateJob(job.id, cancelledOn('instance-a'));
      return { outcome: 'done' };
    };
    await runnerOver(cut).runJob(job);
    expect(handler.processed).toEqual([handler.items[0].id]);
    const stored = await cut.getJob(job.id);
    expect(stored?.status).toBe('cancelled');
    // The item in flight at the cancel is finished and counted.
    expect(stored?.counters.processed).toBe(1);
    expect(warnings.some((w) => w.includes('the listener on its stored record failed'))).toBe(true);
    expect(stopLines()).toHaveLength(1);
    expect(stopLines()[0]).toContain('cancelled by admin on instance-a');
    expect(stopLines()[0]).toContain('(heard by the check before an item)');
  });

  it('with the listener cut, a heartbeat still stops a waiting item', async () => {
    const cut = new ListenerCutStore(new LocalJobStore(dir));
    const { job, runner, running } = await startRun(cut);
    await waitFor(() => warnings.some((w) => w.includes('listener on its stored record failed')));
    const cancelled = await cut.updateJob(job.id, cancelledOn('instance-a'));
    // Nothing tells the run until the heartbeat hands it what it read.
    expect(runner.runningJobId).toBe(job.id);
    runner.observe(cancelled);
    await running;
    expect(handler.processed).toEqual([]);
    expect(stopLines()).toHaveLength(1);
    expect(stopLines()[0]).toContain('(heard at a heartbeat)');
  });

  it('logs nothing of the kind when the run ends by itself', async () => {
    handler.behaviour = () => Promise.resolve({ outcome: 'done' });
    const job = makeJob({ createdAt: new Date().toISOString() });
    await store.createJob(job);
    await runnerOver(store).runJob((await store.getJob(job.id)) as JobRecord);
    expect((await store.getJob(job.id))?.status).toBe('completed');
    expect(handler.processed).toHaveLength(6);
    expect(warnings).toEqual([]);
  });
});

describe('stopDecisionOf', () => {
  const now = '2026-03-01T10:00:00.000Z';
  const running = makeJob({
    status: 'running',
    lease: { owner: HERE, expiresAt: FAR, renewedAt: now },
  });

  it('lets a run go on while its job is active and leased to it', () => {
    expect(stopDecisionOf(running, HERE)).toBeNull();
    expect(stopDecisionOf({ ...running, status: 'recovering' }, HERE)).toBeNull();
  });

  it('names a cancel by who asked and on which instance', () => {
    const stored = cancelledOn('api-2')(running);
    const decision = stopDecisionOf(stored, HERE);
    expect(decision).toMatchObject({ decision: 'cancelled', by: 'admin', instance: 'api-2' });
    expect(describeStop(decision!)).toBe(`cancelled by admin on api-2 at ${stored.cancelledAt}`);
  });

  it('names a cancel recorded before instances were kept, without an instance', () => {
    const stored = withAction(cancel(running, now), { action: 'cancelled', by: 'admin', at: now });
    expect(describeStop(stopDecisionOf(stored, HERE)!)).toBe(
      `cancelled by admin (instance not recorded) at ${now}`,
    );
  });

  it('names any stored status someone asked for by that status (as pause will be)', () => {
    // `paused` is not a status yet: the rule is the status and its action of the same name.
    const stored = {
      ...running,
      status: 'paused',
      lease: null,
      actions: [{ action: 'paused', by: 'system', at: now, instance: 'api-3' }],
    } as unknown as JobRecord;
    expect(describeStop(stopDecisionOf(stored, HERE)!)).toBe(`paused by system on api-3 at ${now}`);
  });

  it('calls a lease held by another instance lost, with or without a recorded takeover', () => {
    expect(stopDecisionOf(takenOverBy('api-4')(running), HERE)).toMatchObject({
      decision: 'lease lost',
      instance: 'api-4',
      by: 'system',
    });
    const leased = { ...running, lease: { owner: 'api-5', expiresAt: FAR } };
    expect(describeStop(stopDecisionOf(leased, HERE)!)).toBe('lease lost, now held by api-5');
  });

  it('names the stale rule, whose instance is not recorded', () => {
    const stored = fail(running, 'stale', now);
    expect(describeStop(stopDecisionOf(stored, HERE)!)).toBe(
      `failed (stale) by system (instance not recorded) at ${now}`,
    );
  });

  it('is no one else’s decision when the runner ended the job itself', () => {
    expect(stopDecisionOf(fail(running, 'All 3 items failed', now), HERE)).toBeNull();
    expect(stopDecisionOf({ ...running, status: 'completed', lease: null }, HERE)).toBeNull();
  });
});
