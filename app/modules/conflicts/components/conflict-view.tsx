// A conflict's two versions side by side ("theirs": the row when the late write came; "yours": that write), and the
// line naming what it is about. Client-safe.
import { useTranslation } from "react-i18next";
import { ListTable } from "~/components/ui/list-table";

type Subject = {
  kind: string;
  entityId: number;
  personName: string | null;
  activitySummary: string | null;
  activityOccurredOn: string | null;
  trainingTopic?: string | null;
  trainingHeldOn?: string | null;
};

export function ConflictSubject({ conflict: c }: { conflict: Subject }) {
  const { t } = useTranslation("conflicts");
  const name =
    c.kind === "activity"
      ? `${c.activityOccurredOn ?? ""} ${(c.activitySummary ?? "").slice(0, 30)}`
      : c.kind === "training"
        ? `${c.trainingHeldOn ?? ""} ${c.trainingTopic ?? `#${c.entityId}`}`
        : (c.personName ?? `#${c.entityId}`);
  return (
    <span>
      {t(`kind.${c.kind}`)} · {name}
    </span>
  );
}

/** The fields each kind compares, in the order a reader expects them. */
const fieldsByKind: Record<string, string[]> = {
  visit: [
    "status",
    "outcome",
    "visitedOn",
    "completedAt",
    "completedByName",
    "dueOn",
    "assignedName",
    "notes",
    "followUpReason",
    "followUpOn",
    "returnOn",
    "destination",
    "seen",
    "needs",
    "needsText",
    "services",
    "referrals",
  ],
  person: [
    "fullName",
    "sex",
    "birthDate",
    "villageId",
    "stationId",
    "address",
    "phone",
    "guardianName",
    "guardianPhone",
    "categories",
    "notes",
  ],
  activity: ["occurredOn", "kind", "participants", "personTimes", "hours", "summary", "reason"],
  training: [
    "topic",
    "organizer",
    "heldOn",
    "regionName",
    "hours",
    "outsideParticipants",
    "participantNames",
    "notes",
  ],
};

/** A stored visit record's fields are shown beside the outcome's. */
function flatten(values: Record<string, unknown>): Record<string, unknown> {
  const record = values.record;
  if (!record || typeof record !== "object") return values;
  const r = record as Record<string, unknown>;
  const referrals = Array.isArray(r.referrals) ? r.referrals.map((x) => (x as { kind: string }).kind) : [];
  return { ...r, ...values, referrals };
}

/** By field, what an id stands for (a person's village and station). */
type Names = Partial<Record<string, Record<string, string>>>;

function useShow(names: Names) {
  const { t } = useTranslation(["conflicts", "common"]);
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0))
      return "—";
    const named = names[field]?.[String(value)];
    if (named) return named;
    if (field === "outcome") return t(`common:enum.visitOutcome.${value}`);
    if (field === "status") return t(`common:enum.visitStatus.${value}`, { defaultValue: String(value) });
    if (field === "categories" && Array.isArray(value))
      return value.map((c) => t(`common:enum.personCategory.${c}`)).join("、");
    if (field === "sex") return t(`common:enum.sex.${value}`, { defaultValue: String(value) });
    if (field === "kind") return t(`common:enum.activityKind.${value}`, { defaultValue: String(value) });
    if (Array.isArray(value)) return value.join("、");
    return String(value);
  };
}

export function SideBySide({
  kind,
  theirs,
  yours,
  names = {},
}: {
  kind: string;
  theirs: Record<string, unknown>;
  yours: Record<string, unknown>;
  names?: Names;
}) {
  const { t } = useTranslation("conflicts");
  const show = useShow(names);
  const a = flatten(theirs);
  const b = flatten(yours);
  const fields = (fieldsByKind[kind] ?? []).filter((f) => f in a || f in b);
  return (
    <ListTable
      className="conflict-table"
      testId="conflict-versions"
      head={
        <>
          <th>{t("field.name")}</th>
          <th>{t("theirs")}</th>
          <th>{t("yours")}</th>
        </>
      }
    >
      {fields.map((f) => {
        const left = f in a ? show(f, a[f]) : "—";
        const right = f in b ? show(f, b[f]) : "—";
        return (
          <tr key={f} className={left !== right ? "conflict-table__differs" : undefined}>
            <th scope="row">{t(`field.${f}`)}</th>
            <td data-label={t("theirs")}>{left}</td>
            <td data-label={t("yours")}>{right}</td>
          </tr>
        );
      })}
    </ListTable>
  );
}
