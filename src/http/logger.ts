import pino, { type Logger } from 'pino';

export type { Logger };

/** The root logger. Secrets that may travel in bodies or headers are redacted wherever they appear. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'amphi' },
      redact: {
        paths: [
          'id_token',
          '*.id_token',
          'client_assertion',
          '*.client_assertion',
          'checksum',
          '*.checksum',
          'authorization',
          '*.authorization',
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          'registration_token',
          '*.registration_token',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
