// Resumable photo uploads (tus, app/modules/uploads/tus.server.ts): create, read the offset (HEAD), append (PATCH),
// delete. For users who may attach photos to a visit or an activity; an upload is its creator's only.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getUser, requireUser, wearing } from "~/modules/access/guard.server";
import { handleUpload } from "~/modules/uploads/tus.server";
import { forbidden } from "~/utils/http.server";

async function handle(request: Request) {
  // why: an upload client wants a status, not the sign-in page.
  if (!(await getUser(request))) return new Response("Sign in required", { status: 401 });
  const user = await requireUser(request);
  if (!wearing(user, "write:visit") && !wearing(user, "write:activity")) forbidden();
  return handleUpload(request, user.id);
}

export const loader = ({ request }: LoaderFunctionArgs) => handle(request);
export const action = ({ request }: ActionFunctionArgs) => handle(request);
