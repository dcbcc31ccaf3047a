import { Injectable, PipeTransform } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import { isJobId } from '../common/ids';

/** Rejects anything but a service-generated job id before it reaches storage. */
@Injectable()
export class ParseJobIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isJobId(value)) throw ApiError.validation('jobId must be a job id (a lowercase UUID)');
    return value;
  }
}
