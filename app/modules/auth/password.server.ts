// Password hashing with argon2id (OWASP parameters: 19 MiB memory, 2 iterations, 1 lane).
// @node-rs/argon2 ships prebuilt binaries per platform, so installs need no compiler.
import { hash, verify } from "@node-rs/argon2";

// why: Algorithm is an ambient const enum (not importable under isolatedModules); 2 is Argon2id.
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, options);
}

export async function verifyPassword(hashed: string, plain: string): Promise<boolean> {
  try {
    return await verify(hashed, plain);
  } catch {
    return false;
  }
}

/** A fixed hash to verify against when the email is unknown, so timing does not reveal which accounts exist. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("not-a-real-password-timing-guard");
  return dummyHash;
}
