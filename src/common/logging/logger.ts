import { type DestinationStream, type Level, type Logger, pino } from 'pino';
import pretty from 'pino-pretty';

import { scrubSecrets, scrubText } from './redact.js';

/** LOG_LEVEL's values: Nest's names for the levels. */
export type LogLevelName = 'error' | 'warn' | 'log' | 'debug' | 'verbose';
export type LogFormat = 'json' | 'pretty';

const PINO_LEVEL: Record<LogLevelName, Level> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

export interface AppLoggerOptions {
  /** LOG_LEVEL (default `log`); `silent` writes nothing. */
  level?: LogLevelName | 'silent';
  /** LOG_FORMAT (default `json`). */
  format?: LogFormat;
  /** Where lines go (default: standard output, written synchronously so nothing is lost at exit). */
  destination?: DestinationStream;
}

/**
 * The process's logger: one JSON object a line (`time` ISO 8601, `level` by name, `msg`) or, with
 * `format: 'pretty'`, readable lines for a terminal. Every record is scrubbed of secrets before it
 * is written (redact.ts): fields named like credentials, bearer tokens and JWTs in any string.
 */
export function createAppLogger(options: AppLoggerOptions = {}): Logger {
  const level = options.level === undefined ? 'info' : options.level === 'silent' ? 'silent' : PINO_LEVEL[options.level];
  const destination =
    options.format === 'pretty'
      ? pretty({ destination: options.destination ?? 1, sync: true, translateTime: 'SYS:standard', ignore: 'pid,hostname' })
      : (options.destination ?? pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (record) => scrubSecrets(record) as Record<string, unknown>,
        bindings: (bindings) => scrubSecrets(bindings) as Record<string, unknown>,
      },
      serializers: { err: (error: Error) => scrubSecrets({ ...pino.stdSerializers.err(error) }) },
      hooks: {
        // The message and any interpolated strings are scrubbed too.
        logMethod(args, method) {
          return method.apply(this, args.map((a: unknown) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
