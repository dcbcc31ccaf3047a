import { Injectable } from '@nestjs/common';
import type { RecoveryStatusDto } from '../jobs/dto/backfill-status.dto';

/** Remembers what the last recovery check found, for `GET /status`. */
@Injectable()
export class RecoveryStatusStore {
  last: RecoveryStatusDto | null = null;

  record(status: RecoveryStatusDto): void {
    this.last = status;
  }
}
