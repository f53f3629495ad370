// Build step (client): the code every page loads before it hydrates — the static imports of the entry script and the
// root route — in two chunks, the libraries (React, Remix, i18next) and the app's own shell, instead of the dozen small
// chunks Rollup makes of it (each module shared with some routes became a chunk of its own). No page loads more than
// before: each of these modules was already in every page's first download. Fewer, larger files compress better
// (one dictionary, no import lists between them), and the libraries' chunk stays the same across app changes.
import type { ManualChunkMeta } from "rollup";

const SHELL_ENTRIES = [/\/app\/entry\.client\.tsx($|\?)/, /\/app\/root\.tsx($|\?)/];

// why: the walk follows every import, re-exports too; react-i18next's index re-exports <Trans> with an HTML parser,
// which the shell never renders (the year-in-review does). They get a chunk of their own (a module left unassigned
// would follow its importer, react-i18next's index, into the framework chunk: ~2.7 KiB gzip on every page's first
// load), and are marked free of side effects (they only define functions), or the framework chunk would import that
// chunk to run it first.
export const NOT_SHELL =
  /\/node_modules\/(react-i18next\/dist\/es\/(Trans|TransWithoutContext)\.js|html-parse-stringify\/|void-elements\/)/;

export function shellChunks() {
  let shell: Set<string> | null = null;
  const reachable = (meta: ManualChunkMeta) => {
    const seen = new Set<string>();
    const visit = (id: string) => {
      if (seen.has(id) || NOT_SHELL.test(id)) return;
      seen.add(id);
      for (const imported of meta.getModuleInfo(id)?.importedIds ?? []) visit(imported);
    };
    for (const id of meta.getModuleIds()) if (SHELL_ENTRIES.some((re) => re.test(id))) visit(id);
    return seen;
  };
  return (id: string, meta: ManualChunkMeta): string | undefined => {
    shell ??= reachable(meta);
    if (NOT_SHELL.test(id)) return "trans";
    if (!shell.has(id) || SHELL_ENTRIES.some((re) => re.test(id))) return undefined;
    return id.includes("/node_modules/") || id.startsWith("\0") ? "framework" : "shell";
  };
}
