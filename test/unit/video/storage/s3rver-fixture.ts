/**
 * A real S3-speaking server (s3rver) on loopback, one per test file, in a temp folder removed
 * at close. Credentials are s3rver's own (S3RVER/S3RVER); a wrong pair is refused like on AWS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';
import type { S3StorageConfig } from '../../../../src/config/config.js';

export interface S3Fixture {
  endpoint: string;
  bucket: string;
  settings: S3StorageConfig;
  /** The environment an Amphi process needs to use this bucket. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startS3(bucket = 'amphi-media'): Promise<S3Fixture> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory });
  const address = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${address.port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  client.destroy();
  return {
    endpoint,
    bucket,
    settings: { bucket, endpoint, publicEndpoint: undefined, region: 'us-east-1', forcePathStyle: true, credentials },
    env: { MEDIA_STORAGE: 's3', S3_BUCKET: bucket, S3_ENDPOINT: endpoint, S3_FORCE_PATH_STYLE: 'true', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' },
    async close() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
