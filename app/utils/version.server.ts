import pkg from "../../package.json";

/** The version people quote when they report a problem: package.json's, which a release bumps. */
export const appVersion: string = pkg.version;
