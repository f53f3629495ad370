// npm run dev — Vite dev server with hot reload behind the same Express server as production.
import { prepareDatabase } from "~/utils/prepare-database.server";
import { startInProcessWorkers } from "../workers/in-process";
import { startServer } from "../server";

await prepareDatabase();
const workers = await startInProcessWorkers();
await startServer({ mode: "development", onShutdown: workers.stop });
