/**
 * A failed S3 call, named by its operation and bucket, never by the credentials. Kept apart from
 * the SDK (s3-objects.ts) so that callers can recognise it without loading the AWS SDK, which
 * only processes with MEDIA_STORAGE=s3 (or a migration) load.
 */
export class S3StorageError extends Error {
  constructor(operation: string, bucket: string, reason: string, cause?: unknown) {
    super(`S3 ${operation} on bucket ${bucket} failed: ${reason}`, { cause });
    this.name = 'S3StorageError';
  }
}
