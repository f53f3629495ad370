// The group robots reminders go to: each region (prefecture, county, township) and each station may have its own
// WeCom or DingTalk robot; a reminder goes to the most specific one above its station, else to the global one.
// Planners set the robots inside their own region, the admin any; "send a test message" posts one at once.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { pageTitle } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { intentList, intentOf } from "~/modules/kernel/intent";
import { parseForm } from "~/modules/kernel/messages";
import { RobotForm, RobotList } from "~/modules/reminders/components/robot-settings";
import { type RobotAction, robotActionSchema } from "~/modules/reminders/robot-schemas";
import {
  listRobots,
  removeRobot,
  robotPlaces,
  saveRobot,
  testRobot,
} from "~/modules/reminders/robots.server";
import { reminderSettings } from "~/modules/reminders/settings.server";
import remindersCss from "~/styles/reminders.css?url";
import { notFound } from "~/utils/http.server";

export const handle = { i18n: ["common", "reminders"] };
export const meta = pageTitle("reminders:robots.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: remindersCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:group_robots");
  const [robots, places] = await Promise.all([listRobots(user), robotPlaces(user)]);
  return { robots, places, globalRobot: Boolean(reminderSettings().webhookUrl), formKey: newFormKey() };
}

export const intents = intentList<RobotAction["intent"]>()(["save", "remove", "test"]);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:group_robots");
  const formData = await request.formData();
  const intent = intentOf(formData, intents);
  const submission = parseForm(formData, robotActionSchema);
  if (submission.status !== "success")
    return { intent, done: false, formErrors: null, fieldErrors: submission.error ?? null };
  const input = submission.value;
  const actor = auditActor(request, context, user);
  const key = formKeyFrom(formData);
  let result: Awaited<ReturnType<typeof saveRobot | typeof removeRobot | typeof testRobot>>;
  if (input.intent === "save") result = await saveRobot({ user, actor, key, input });
  else if (input.intent === "remove") result = await removeRobot({ user, actor, key, id: input.id });
  else {
    const t = await i18nServer.getFixedT(request, "reminders");
    result = await testRobot({
      user,
      actor,
      id: input.id,
      text: { title: t("robots.testTitle"), body: t("robots.testBody", { name: user.name }) },
    });
  }
  if (!result) notFound();
  return result.ok
    ? { intent, done: true, formErrors: null, fieldErrors: null }
    : { intent, done: false, formErrors: result.formErrors ?? null, fieldErrors: result.fieldErrors ?? null };
}

export default function GroupRobots() {
  const { robots, places, globalRobot, formKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation(["reminders", "common"]);
  return (
    <>
      <PageHeader title={t("robots.title")} subtitle={t("robots.subtitle")} />
      {result?.done ? (
        <p className="flash" data-testid="robot-flash">
          {t(`robots.done.${result.intent}`)}
        </p>
      ) : null}
      <FormErrors errors={result?.formErrors} />
      <p className="card muted" data-testid="robot-fallback">
        {globalRobot ? t("robots.fallbackGlobal") : t("robots.fallbackNone")}
      </p>
      <div className="grid-2">
        <section className="card">
          <h2>{t("robots.inForce")}</h2>
          <RobotList robots={robots} formKey={formKey} />
        </section>
        <section className="card">
          <h2>{t("robots.set")}</h2>
          <RobotForm
            places={places}
            // After a post that stored something the form empties: the typed address is a credential.
            resetAfter={result?.done ? formKey : null}
            formKey={formKey}
            fieldErrors={result?.intent === "save" ? result.fieldErrors : null}
          />
        </section>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
