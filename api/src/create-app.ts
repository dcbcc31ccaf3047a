import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule, AppModuleOptions } from './app.module';
import { ApiErrorFilter } from './common/api-error.filter';
import { JobStateDetailsDto } from './common/dto/error-response.dto';
import { JsonDepthPipe } from './common/json-depth.pipe';
import { toOpenApi31 } from './common/openapi-31';
import { requestIdMiddleware } from './common/request-id';
import { StrictQueryInterceptor } from './common/strict-query.interceptor';
import { AnalyticsGenerationResultDto, DataCollectionResultDto } from './jobs/dto/job.dto';

export interface CreateAppOptions extends AppModuleOptions {
  logger?: false | ('log' | 'error' | 'warn' | 'debug' | 'verbose')[];
}

/** Builds the fully configured Nest app (pipes, filters, Swagger) without listening. */
export async function createApp(options: CreateAppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    logger: options.logger ?? ['log', 'error', 'warn'],
    abortOnError: false,
  });
  configureApp(app);
  return app;
}

export function configureApp(app: INestApplication): void {
  app.use(requestIdMiddleware);
  app.useGlobalInterceptors(new StrictQueryInterceptor(app.get(Reflector)));
  app.useGlobalPipes(
    new JsonDepthPipe(),
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  app.useGlobalFilters(new ApiErrorFilter());
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Unified Backfill Service')
    .setDescription(
      'Backfills the history of Toastmasters district statistics: data-collection and ' +
        'analytics-generation jobs that survive restarts, run one at a time and obey a rate limit.',
    )
    .setVersion('0.1.0')
    .addServer('{scheme}://{host}', 'Your deployment; the defaults reach `npm start` locally', {
      scheme: { enum: ['https', 'http'], default: 'http', description: 'The URL scheme.' },
      host: { default: 'localhost:3000', description: 'Host and port of the deployment.' },
    })
    // Not addBearerAuth(): it declares bearerFormat JWT, and the token is an opaque string.
    .addSecurity('bearer', {
      type: 'http',
      scheme: 'bearer',
      description: 'The ADMIN_TOKEN the service was started with, an opaque string.',
    })
    .build();
  // The package is UNLICENSED (proprietary). OpenAPI 3.1 names a licence by an SPDX
  // expression, where a licence off the SPDX list is written LicenseRef-<name>.
  config.info.license = {
    name: 'Proprietary (UNLICENSED): no licence is granted to use or copy it',
    identifier: 'LicenseRef-Proprietary',
  } as OpenAPIObject['info']['license'];
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
    // Only reached through a oneOf, which @nestjs/swagger does not follow to register them.
    extraModels: [DataCollectionResultDto, AnalyticsGenerationResultDto, JobStateDetailsDto],
  });
  return toOpenApi31(document);
}
