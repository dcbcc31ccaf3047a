import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule, AppModuleOptions } from './app.module';
import { ApiErrorFilter } from './common/api-error.filter';
import { JsonDepthPipe } from './common/json-depth.pipe';
import { requestIdMiddleware } from './common/request-id';
import { StrictQueryInterceptor } from './common/strict-query.interceptor';

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
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'The ADMIN_TOKEN' })
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
}
