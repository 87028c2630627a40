import { describe, expect, it } from 'vitest';
import { parseS3Endpoint } from './create-blob-store.ts';

describe('parseS3Endpoint', () => {
  it.each([
    ['http://127.0.0.1:9000', { endPoint: '127.0.0.1', port: 9000, useSSL: false }],
    ['https://s3.example.org', { endPoint: 's3.example.org', port: 443, useSSL: true }],
    ['http://minio', { endPoint: 'minio', port: 80, useSSL: false }],
    ['http://[::1]:9000/', { endPoint: '::1', port: 9000, useSSL: false }],
  ])('splits %s into endPoint, port and useSSL', (url, expected) => {
    expect(parseS3Endpoint(url)).toEqual(expected);
  });

  it.each([
    '127.0.0.1:9000',
    'ftp://host:21',
    'http://host:9000/bucket',
    'http://user:pass@host:9000',
    'not a url',
  ])('rejects %s naming S3_ENDPOINT', (url) => {
    expect(() => parseS3Endpoint(url)).toThrow(/S3_ENDPOINT/);
  });
});
