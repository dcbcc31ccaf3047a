import { Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Clock } from '../common/clock';
import { JobStore } from '../storage/job-store';
import { toLiveJobDto } from './job-dto.mapper';
import { JobRunner } from './job-runner';
import { JobRecord, isTerminalStatus } from '../domain/job.model';

/**
 * How often a stream looks at the job: the stored document, with the in-memory progress
 * overlaid while the job runs here (so counters move every second, not every flush).
 */
export const JOB_EVENTS_POLL_MS = 1000;
/** A comment line this often keeps proxies from closing a quiet stream. */
export const JOB_EVENTS_HEARTBEAT_MS = 15_000;
/** What the browser waits before reconnecting a dropped stream. */
const RECONNECT_MS = 3000;

/**
 * Server-sent events of one job's status. Each change of the status DTO is sent as a `job`
 * event whose data is the JobDto; a terminal status is followed by an `end` event and the
 * stream closes. Polling the store (rather than hooking the runner) also reports jobs that
 * another instance runs.
 */
@Injectable()
export class JobEventsService {
  private readonly logger = new Logger('JobEvents');

  constructor(
    private readonly store: JobStore,
    private readonly runner: JobRunner,
    private readonly clock: Clock,
  ) {}

  stream(first: JobRecord, request: Request, response: Response): void {
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    response.write(`retry: ${RECONNECT_MS}\n\n`);

    let open = true;
    let timer: NodeJS.Timeout | null = null;
    let lastData = '';
    let lastWriteMs = Date.now();
    const close = (): void => {
      open = false;
      if (timer) clearTimeout(timer);
    };
    request.on('close', close);
    response.on('close', close);

    const finish = (data: string): void => {
      response.write(`event: end\ndata: ${data}\n\n`);
      close();
      response.end();
    };

    /** Writes the job when it changed; returns false once the stream is over. */
    const send = (job: JobRecord): boolean => {
      const data = JSON.stringify(toLiveJobDto(job, this.runner, this.clock.now()));
      if (data !== lastData) {
        response.write(`event: job\nid: ${job.revision}\ndata: ${data}\n\n`);
        lastData = data;
        lastWriteMs = Date.now();
      } else if (Date.now() - lastWriteMs >= JOB_EVENTS_HEARTBEAT_MS) {
        response.write(': heartbeat\n\n');
        lastWriteMs = Date.now();
      }
      if (!isTerminalStatus(job.status)) return true;
      finish(JSON.stringify({ status: job.status }));
      return false;
    };

    const tick = async (): Promise<void> => {
      timer = null;
      if (!open) return;
      try {
        const job = await this.store.getJob(first.id);
        if (!open) return;
        if (!job) return finish(JSON.stringify({ status: null, reason: 'not-found' }));
        if (!send(job)) return;
      } catch (error) {
        // A storage hiccup skips one update; the stream stays open and tries again.
        this.logger.warn(`Job ${first.id} events: ${String(error)}`);
      }
      if (open) timer = setTimeout(() => void tick(), JOB_EVENTS_POLL_MS);
    };

    if (send(first)) timer = setTimeout(() => void tick(), JOB_EVENTS_POLL_MS);
  }
}
