// Where the real services for tests are; override with TEST_DATABASE_URL / REDIS_URL.
export const TEST_KEYS = {
  DATA_KEY: "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0",
  SESSION_SECRET: "test-session-secret-that-is-at-least-32-characters-long",
};

export function adminDatabaseUrl(): string {
  return (
    process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test"
  );
}

export function databaseUrlFor(name: string): string {
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export function redisUrl(): string {
  return process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
}
