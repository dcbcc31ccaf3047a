import { DynamicModule, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import * as express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** What the console's SPA fallback must never answer: the API and the health checks. */
export function isConsolePath(urlPath: string): boolean {
  return !/^\/api(\/|$)/.test(urlPath) && urlPath !== '/healthz' && urlPath !== '/readyz';
}

const ADMIN_WEB_DIR = Symbol('ADMIN_WEB_DIR');

/**
 * Serves the built admin console: its files, and index.html for every other console path
 * so deep links work. Registered once the API routes are, so it only sees what they did not
 * answer; errors pass through untouched to the API's error filter.
 */
@Injectable()
class AdminWebServer implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly webDir: string,
  ) {}

  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter.getInstance<express.Express>();
    const index = path.join(this.webDir, 'index.html');
    const files = express.static(this.webDir, {
      index: false,
      fallthrough: true,
      // Bundles carry content hashes in their names; index.html must always be fresh.
      setHeaders: (res, file) => {
        if (path.basename(file) === 'index.html') res.setHeader('Cache-Control', 'no-cache');
      },
    });
    app.use((req: Request, res: Response, next: NextFunction) =>
      isConsolePath(req.path) ? files(req, res, next) : next(),
    );
    app.get('{*path}', (req: Request, res: Response, next: NextFunction) => {
      if (!isConsolePath(req.path)) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index, (error?: Error) => {
        if (error) next(error);
      });
    });
    new Logger('AdminWeb').log(`Serving the admin console from ${this.webDir}`);
  }
}

/** Logged at start-up (through Nest's logger, so `logger: false` silences it). */
class MissingConsoleNotice implements OnModuleInit {
  constructor(private readonly webDir: string | undefined) {}

  onModuleInit(): void {
    if (this.webDir) {
      new Logger('AdminWeb').log(
        `No admin console build in ${this.webDir}; run \`npm run build -w admin-web\` to serve it`,
      );
    }
  }
}

@Module({})
export class AdminWebModule {
  static forRoot(webDir: string | undefined): DynamicModule {
    if (!webDir || !existsSync(path.join(webDir, 'index.html'))) {
      return {
        module: AdminWebModule,
        providers: [{ provide: MissingConsoleNotice, useValue: new MissingConsoleNotice(webDir) }],
      };
    }
    return {
      module: AdminWebModule,
      providers: [
        { provide: ADMIN_WEB_DIR, useValue: webDir },
        {
          provide: AdminWebServer,
          useFactory: (host: HttpAdapterHost, dir: string) => new AdminWebServer(host, dir),
          inject: [HttpAdapterHost, ADMIN_WEB_DIR],
        },
      ],
    };
  }
}
