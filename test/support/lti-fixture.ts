import { after, before, beforeEach } from 'node:test';
import { startTestApp, type TestApp } from './test-app.js';
import { TestPlatform } from './test-platform.js';

export interface LtiFixture {
  readonly app: TestApp;
  readonly platform: TestPlatform;
}

/**
 * For a describe block: one Amphi and one registered test platform for the whole file, and a
 * clean database with the platform registered again before each test.
 */
export function useRegisteredPlatform(env: Record<string, string> = {}): LtiFixture {
  let app: TestApp | undefined;
  let platform: TestPlatform | undefined;
  before(async () => {
    app = await startTestApp(env);
    platform = await TestPlatform.start();
  });
  after(async () => {
    await app?.close();
    await platform?.close();
  });
  beforeEach(async () => {
    await app!.reset();
    platform!.resetServices();
    await app!.register(platform!);
  });
  return {
    get app() {
      return app!;
    },
    get platform() {
      return platform!;
    },
  };
}
