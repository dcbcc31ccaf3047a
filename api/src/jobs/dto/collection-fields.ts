import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsOptional,
  Matches,
} from 'class-validator';
import { DISTRICT_ID_PATTERN } from '../../common/ids';
import { DISTRICT_ID_MESSAGE } from '../../common/validators';

/**
 * `targetDistricts` of a data-collection request, shared by the job API and the legacy
 * route so both validate districts alike. The legacy route has always taken an empty
 * list (as "every district"), so only the job API asks for `nonEmpty`.
 */
export function TargetDistrictsField(options: { nonEmpty: boolean }): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: [String],
      example: ['61', '117'],
      description: 'Districts to collect; every district in each date’s summary when omitted.',
    }),
    IsOptional(),
    IsArray(),
    ...(options.nonEmpty
      ? [
          ArrayNotEmpty({
            message: 'targetDistricts must not be empty: omit targetDistricts for every district',
          }),
        ]
      : []),
    ArrayUnique(),
    ArrayMaxSize(500),
    Matches(DISTRICT_ID_PATTERN, { each: true, message: DISTRICT_ID_MESSAGE }),
  );
}

/** `skipExisting` of a data-collection request (default true). */
export function SkipExistingField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      default: true,
      description: 'Skip (date, district) cells whose snapshot is already stored.',
    }),
    IsOptional(),
    IsBoolean(),
  );
}
