// npm run dev — Vite dev server with hot reload behind the same Express server as production.
import { prepareDatabase } from "~/utils/prepare-database.server";
import { startServer } from "../server";
import { startInProcessWorkers } from "../workers/in-process";

await prepareDatabase();
const workers = await startInProcessWorkers();
await startServer({ mode: "development", onShutdown: workers.stop });
