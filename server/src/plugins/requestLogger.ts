import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';

type Factory = NonNullable<FastifyServerOptions['childLoggerFactory']>;
type Bindings = Parameters<Factory>[1];
type ChildLoggerOptions = Parameters<Factory>[2];

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
const LEVELS: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

type Parent = FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean };

/**
 * A request's logger, made only when something is logged at a level that is on. Fastify makes a
 * child logger per request (pino copies the logger and serialises the request id into it); at the
 * production level (warn) nothing a request logs is written as a rule, so the copy was made for
 * nothing, on every request: a few per cent of a cached answer's time, and its garbage.
 */
class LazyChildLogger {
  private made: FastifyBaseLogger | null = null;
  constructor(
    private readonly parent: Parent & { isLevelEnabled: (level: string) => boolean },
    private readonly bindings: Bindings,
  ) {}
  real(): FastifyBaseLogger {
    if (this.made === null) this.made = this.parent.child(this.bindings);
    return this.made;
  }
  get level(): string {
    return this.made ? this.made.level : this.parent.level;
  }
  set level(level: string) {
    this.real().level = level;
  }
  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.real().child(bindings, options);
  }
  silent(): void {}
}
for (const level of LEVELS) {
  Object.defineProperty(LazyChildLogger.prototype, level, {
    value(this: LazyChildLogger, ...args: unknown[]) {
      const self = this as unknown as { made: FastifyBaseLogger | null; parent: Parent };
      if (self.made === null && !(self.parent.isLevelEnabled as (l: string) => boolean)(level)) return;
      (this.real()[level] as (...a: unknown[]) => void)(...args);
    },
  });
}

function hasAny(options: object): boolean {
  for (const _ in options) return true;
  return false;
}

/**
 * Fastify's childLoggerFactory: the lazy child above, unless the route sets its own level or
 * serialisers (then the child is made at once, as Fastify would) or the logger cannot say which
 * levels are on.
 */
export function lazyChildLogger(logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  const parent = logger as Parent;
  if (typeof parent.isLevelEnabled !== 'function' || hasAny(options)) return logger.child(bindings, options);
  return new LazyChildLogger(
    parent as Parent & { isLevelEnabled: (level: string) => boolean },
    bindings,
  ) as unknown as FastifyBaseLogger;
}
