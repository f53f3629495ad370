// Build step (client): the code every page loads before it hydrates — the static imports of the entry script and the
// root route — in two chunks, the libraries (React, Remix, i18next) and the app's own shell, instead of the dozen small
// chunks Rollup makes of it (each module shared with some routes became a chunk of its own). No page loads more than
// before: each of these modules was already in every page's first download. Fewer, larger files compress better
// (one dictionary, no import lists between them), and the libraries' chunk stays the same across app changes.
import type { ManualChunkMeta } from "rollup";

const SHELL_ENTRIES = [/\/app\/entry\.client\.tsx($|\?)/, /\/app\/root\.tsx($|\?)/];

export function shellChunks() {
  let shell: Set<string> | null = null;
  const reachable = (meta: ManualChunkMeta) => {
    const seen = new Set<string>();
    const visit = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      for (const imported of meta.getModuleInfo(id)?.importedIds ?? []) visit(imported);
    };
    for (const id of meta.getModuleIds()) if (SHELL_ENTRIES.some((re) => re.test(id))) visit(id);
    return seen;
  };
  return (id: string, meta: ManualChunkMeta): string | undefined => {
    shell ??= reachable(meta);
    if (!shell.has(id) || SHELL_ENTRIES.some((re) => re.test(id))) return undefined;
    return id.includes("/node_modules/") || id.startsWith("\0") ? "framework" : "shell";
  };
}
