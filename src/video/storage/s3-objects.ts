import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3StorageConfig } from '../../config/config.js';
import { S3StorageError } from './s3-storage-error.js';

/**
 * The few S3 calls media storage makes, over one client. Every failure that is not "no such
 * object" reaches the caller as an S3StorageError naming the operation and the bucket, never
 * the credentials.
 */
export { S3StorageError };

export function describeS3Error(err: unknown): string {
  if (err instanceof S3ServiceException) {
    const status = err.$metadata?.httpStatusCode;
    if (status === 403) return `access denied (${err.name}): check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY`;
    if (status === 404) return `not found (${err.name}): check S3_BUCKET`;
    if (status === 301) return `the bucket is in another region or needs another endpoint (${err.name}): check S3_REGION and S3_ENDPOINT`;
    return `${err.name}${status ? ` (HTTP ${status})` : ''}${err.message && err.message !== err.name ? `: ${err.message}` : ''}`;
  }
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ETIMEDOUT') return `unreachable (${code}): check S3_ENDPOINT`;
  return err instanceof Error ? err.message || err.name : String(err);
}

function isMissing(err: unknown): boolean {
  return err instanceof S3ServiceException && (err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata?.httpStatusCode === 404);
}

export function makeS3Client(settings: S3StorageConfig, endpoint = settings.endpoint): S3Client {
  return new S3Client({
    region: settings.region,
    endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    // An unreachable store must fail a request in seconds, not hang a player or a readiness probe.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
    maxAttempts: 3,
  });
}

export class S3Objects {
  constructor(
    readonly client: S3Client,
    readonly bucket: string,
  ) {}

  private async call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw new S3StorageError(operation, this.bucket, describeS3Error(err), err);
    }
  }

  async headBucket(): Promise<void> {
    await this.call('HeadBucket', () => this.client.send(new HeadBucketCommand({ Bucket: this.bucket })));
  }

  /** The object's size, or null when it is not there. */
  async size(key: string): Promise<number | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (err) {
      if (isMissing(err)) return null;
      throw new S3StorageError('HeadObject', this.bucket, describeS3Error(err), err);
    }
  }

  /** Sends a local file (multipart when large) and checks the stored size. */
  async putFile(key: string, file: string, contentType: string): Promise<void> {
    const { size } = await fsp.stat(file);
    await this.call('upload', async () => {
      if (size < 8 * 1024 ** 2) {
        await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: await fsp.readFile(file), ContentType: contentType }));
      } else {
        await new Upload({ client: this.client, params: { Bucket: this.bucket, Key: key, Body: fs.createReadStream(file), ContentType: contentType }, queueSize: 2, partSize: 8 * 1024 ** 2 }).done();
      }
    });
    const stored = await this.size(key);
    if (stored !== size) throw new S3StorageError('upload', this.bucket, `${key}: ${stored ?? 'no'} bytes stored for ${size} sent`);
  }

  async putText(key: string, text: string, contentType = 'text/plain; charset=utf-8'): Promise<void> {
    await this.call('PutObject', () => this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: text, ContentType: contentType })));
  }

  async getText(key: string): Promise<string | null> {
    try {
      const got = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return (await got.Body?.transformToString('utf8')) ?? '';
    } catch (err) {
      if (isMissing(err)) return null;
      throw new S3StorageError('GetObject', this.bucket, describeS3Error(err), err);
    }
  }

  /** Copies the object to a local file; false when it is not there. */
  async download(key: string, file: string): Promise<boolean> {
    let body: Readable;
    try {
      const got = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      body = got.Body as Readable;
    } catch (err) {
      if (isMissing(err)) return false;
      throw new S3StorageError('GetObject', this.bucket, describeS3Error(err), err);
    }
    await fsp.mkdir(path.dirname(file), { recursive: true });
    // Written aside then renamed: a reader never finds half a file under the final name.
    const partial = `${file}.part-${process.pid}-${Date.now()}`;
    try {
      await this.call('download', () => pipeline(body, fs.createWriteStream(partial)));
      await fsp.rename(partial, file);
    } finally {
      await fsp.rm(partial, { force: true });
    }
    return true;
  }

  /** Every object under `prefix` (key, size, last change). */
  async list(prefix: string): Promise<{ key: string; size: number; changedAt: Date }[]> {
    const out: { key: string; size: number; changedAt: Date }[] = [];
    let token: string | undefined;
    do {
      const page = await this.call('ListObjectsV2', () => this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token })));
      for (const o of page.Contents ?? []) if (o.Key) out.push({ key: o.Key, size: o.Size ?? 0, changedAt: o.LastModified ?? new Date(0) });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  async deleteKeys(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000).map((Key) => ({ Key }));
      await this.call('DeleteObjects', () => this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch, Quiet: true } })));
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    const keys = (await this.list(prefix)).map((o) => o.key);
    await this.deleteKeys(keys);
    return keys.length;
  }
}
