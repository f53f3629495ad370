import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { getUser } from "~/modules/access/guard.server";
import { saveUserLocale } from "~/modules/auth/account.server";
import { localeSchema } from "~/modules/auth/schemas";
import { localeCookie } from "~/modules/i18n/i18next.server";
import { parseForm } from "~/modules/kernel/messages";
import { safeRedirectPath } from "~/utils/http.server";

export async function loader(_args: LoaderFunctionArgs) {
  return redirect("/");
}

/** Switches the interface language; remembered on the user's account when signed in, in a cookie otherwise. */
export async function action({ request }: ActionFunctionArgs) {
  const submission = parseForm(await request.formData(), localeSchema);
  if (submission.status !== "success") throw new Response("Unknown language", { status: 400 });
  const { locale, redirectTo } = submission.value;
  const user = await getUser(request);
  if (user) await saveUserLocale({ userId: user.id, locale });
  return redirect(safeRedirectPath(redirectTo), {
    headers: { "Set-Cookie": await localeCookie.serialize(locale) },
  });
}
