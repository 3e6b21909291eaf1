import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../../../src/config/config.js';
import { mediaOrigins } from '../../../../src/video/storage/media-storage.js';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.join('\n');
    throw err;
  }
  return '';
};

describe('media storage settings', () => {
  it('defaults to local disk and keeps bucket settings for a later migration', () => {
    assert.deepEqual(loadConfig({}).storage, { kind: 'local', s3: undefined });
    const staged = loadConfig({ S3_BUCKET: 'media-bucket', S3_ENDPOINT: 'https://s3.example.org/', S3_FORCE_PATH_STYLE: 'true' }).storage;
    assert.equal(staged.kind, 'local');
    assert.deepEqual(staged.s3, { bucket: 'media-bucket', endpoint: 'https://s3.example.org', publicEndpoint: undefined, region: 'us-east-1', forcePathStyle: true, credentials: undefined });
  });

  it('refuses at start, naming the variable: s3 without a bucket, half a key pair, a bad bucket name or endpoint', () => {
    assert.match(problems({ MEDIA_STORAGE: 's3' }), /S3_BUCKET: is required with MEDIA_STORAGE=s3/);
    assert.match(problems({ MEDIA_STORAGE: 's3', S3_BUCKET: 'b-1', S3_ACCESS_KEY_ID: 'AKIA' }), /S3_SECRET_ACCESS_KEY: must be set together/);
    assert.match(problems({ S3_BUCKET: 'Bad_Name' }), /S3_BUCKET: must be an S3 bucket name/);
    assert.match(problems({ S3_BUCKET: 'ok-bucket', S3_ENDPOINT: 'ftp://x' }), /S3_ENDPOINT: must be an http/);
    assert.match(problems({ MEDIA_STORAGE: 'gcs' }), /MEDIA_STORAGE/);
    assert.doesNotMatch(problems({ MEDIA_STORAGE: 's3', S3_BUCKET: 'b-1', S3_SECRET_ACCESS_KEY: 'very-secret' }), /very-secret/);
  });

  it('gives the CSP the origin players fetch media from, only with MEDIA_STORAGE=s3', () => {
    assert.deepEqual(mediaOrigins(loadConfig({ S3_BUCKET: 'b-1', S3_ENDPOINT: 'http://127.0.0.1:9000' })), []);
    assert.deepEqual(mediaOrigins(loadConfig({ MEDIA_STORAGE: 's3', S3_BUCKET: 'b-1', S3_REGION: 'eu-west-3' })), ['https://b-1.s3.eu-west-3.amazonaws.com']);
    assert.deepEqual(mediaOrigins(loadConfig({ MEDIA_STORAGE: 's3', S3_BUCKET: 'b-1', S3_ENDPOINT: 'http://minio:9000', S3_FORCE_PATH_STYLE: 'true' })), ['http://minio:9000']);
    assert.deepEqual(
      mediaOrigins(loadConfig({ MEDIA_STORAGE: 's3', S3_BUCKET: 'b-1', S3_ENDPOINT: 'http://minio:9000', S3_PUBLIC_ENDPOINT: 'https://media.example.org', S3_FORCE_PATH_STYLE: 'true' })),
      ['https://media.example.org'],
    );
  });
});
