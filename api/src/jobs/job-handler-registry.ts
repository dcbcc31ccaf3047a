import { Injectable } from '@nestjs/common';
import type { JobType } from '../domain/job.model';
import { JobHandler } from './job-handler';

/**
 * Where job types register their handler. The collection and analytics handlers do so in
 * their constructors, so the registry is complete before any module initialises. Adding a
 * job type never touches the runner.
 */
@Injectable()
export class JobHandlerRegistry {
  private readonly handlers = new Map<JobType, JobHandler>();

  register(handler: JobHandler): void {
    if (this.handlers.has(handler.jobType)) {
      throw new Error(`A handler for ${handler.jobType} is already registered`);
    }
    this.handlers.set(handler.jobType, handler);
  }

  /** Swaps the handler of a job type; lets tests run the engine with a handler of their own. */
  replace(handler: JobHandler): void {
    this.handlers.set(handler.jobType, handler);
  }

  get(jobType: JobType): JobHandler | undefined {
    return this.handlers.get(jobType);
  }
}
