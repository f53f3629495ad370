// npm run dev — Vite dev server with hot reload behind the same Express server as production.

import { startServer } from "../server";
import { startInProcessWorkers } from "../workers/in-process";
import { prepareDatabase } from "./prepare-database";

await prepareDatabase();
const workers = await startInProcessWorkers();
await startServer({ mode: "development", onShutdown: workers.stop });
