import { Injectable, PipeTransform } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import { DISTRICT_ID_PATTERN, isDistrictId } from '../common/ids';
import { isIsoDate } from '../common/utc-dates';
import { isProgramYear } from '../domain/program-year';

/** Rejects anything but a district id (`61`, `01`, `F`) before it reaches storage. */
@Injectable()
export class ParseDistrictIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isDistrictId(value)) {
      throw ApiError.validation(`districtId must match ${DISTRICT_ID_PATTERN.source}`);
    }
    return value;
  }
}

/** `YYYY-YYYY` with consecutive years. */
@Injectable()
export class ParseProgramYearPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isProgramYear(value)) {
      throw ApiError.validation(
        'programYear must be two consecutive years written YYYY-YYYY (e.g. 2025-2026)',
      );
    }
    return value;
  }
}

/** A real calendar date written `YYYY-MM-DD`. */
@Injectable()
export class ParseIsoDatePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isIsoDate(value)) {
      throw ApiError.validation('date must be a real calendar date written YYYY-MM-DD');
    }
    return value;
  }
}
